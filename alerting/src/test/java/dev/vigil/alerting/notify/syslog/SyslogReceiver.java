package dev.vigil.alerting.notify.syslog;

import javax.net.ServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local syslog receiver for tests, on a free port of 127.0.0.1: UDP (one message per datagram) or a stream
 * server (TCP, or TLS with an SSL server socket factory) that parses RFC 6587 octet-counted frames strictly.
 */
final class SyslogReceiver implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> framingErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AutoCloseable socket;
    private final int port;
    private volatile boolean closeAfterEachMessage;

    private SyslogReceiver(AutoCloseable socket, int port) {
        this.socket = socket;
        this.port = port;
    }

    static SyslogReceiver udp() throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        SyslogReceiver receiver = new SyslogReceiver(socket, socket.getLocalPort());
        daemon(() -> receiver.receiveDatagrams(socket));
        return receiver;
    }

    static SyslogReceiver stream(ServerSocketFactory factory) throws IOException {
        ServerSocket server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SyslogReceiver receiver = new SyslogReceiver(server, server.getLocalPort());
        daemon(() -> receiver.accept(server));
        return receiver;
    }

    int port() {
        return port;
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    List<String> framingErrors() {
        return List.copyOf(framingErrors);
    }

    int connections() {
        return connections.get();
    }

    /** Makes the server close each connection after one message, as a receiver restart would. */
    void closeAfterEachMessage() {
        closeAfterEachMessage = true;
    }

    private void receiveDatagrams(DatagramSocket socket) {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                messages.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.incrementAndGet();
                daemon(() -> readFrames(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** RFC 6587 §3.4.1: {@code MSG-LEN SP SYSLOG-MSG}, MSG-LEN a non-zero decimal without leading zeros. */
    private void readFrames(Socket connection) {
        try (connection; DataInputStream in = new DataInputStream(connection.getInputStream())) {
            while (true) {
                String length = readLength(in);
                if (length == null) {
                    return;
                }
                if (!length.matches("[1-9][0-9]*")) {
                    framingErrors.add("bad MSG-LEN '" + length + "'");
                    return;
                }
                byte[] message = new byte[Integer.parseInt(length)];
                in.readFully(message);
                messages.add(new String(message, StandardCharsets.UTF_8));
                if (closeAfterEachMessage) {
                    return;
                }
            }
        } catch (EOFException e) {
            framingErrors.add("connection ended inside a frame");
        } catch (IOException e) {
            // The client went away or the receiver is closing.
        }
    }

    private static String readLength(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        int next;
        while ((next = in.read()) != ' ') {
            if (next < 0) {
                return digits.size() == 0 ? null : "EOF after " + digits;
            }
            digits.write(next);
            if (digits.size() > 10) {
                break;
            }
        }
        return digits.toString(StandardCharsets.US_ASCII);
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "test-syslog-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws Exception {
        socket.close();
    }
}
