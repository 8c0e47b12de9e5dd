package dev.vigil.alerting.notify.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** RFC 5426: one message per datagram. Fire and forget: UDP cannot tell whether the receiver got it. */
final class UdpTransport implements SyslogTransport {

    private final String host;
    private final int port;
    private DatagramSocket socket;

    UdpTransport(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public synchronized void send(byte[] message) throws IOException {
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            throw new IOException("cannot resolve " + host);
        }
        try {
            if (socket == null) {
                socket = new DatagramSocket();
            }
            socket.send(new DatagramPacket(message, message.length, target));
        } catch (SocketException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
