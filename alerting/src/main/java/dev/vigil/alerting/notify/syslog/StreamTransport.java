package dev.vigil.alerting.notify.syslog;

import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Syslog over a TCP (RFC 6587) or TLS (RFC 5425) connection with octet-counting framing ({@code LEN SP MSG}), kept
 * open between messages. Before each message it checks whether the receiver closed the connection, because a write
 * to a half-closed TCP connection "succeeds" and the message would be lost; TLS verifies the receiver's host name.
 */
final class StreamTransport implements SyslogTransport {

    private static final int PROBE_MILLIS = 1;

    private final SocketFactory factory;
    private final boolean tls;
    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration timeout;
    private Socket socket;
    private OutputStream out;

    StreamTransport(SocketFactory factory, boolean tls, String host, int port, Duration connectTimeout, Duration timeout) {
        this.factory = factory;
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    @Override
    public synchronized void send(byte[] message) throws IOException {
        try {
            if (socket != null && peerClosed()) {
                close();
            }
            if (socket == null) {
                connect();
            }
            out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(message);
            out.flush();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket created = factory.createSocket();
        try {
            created.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            created.setSoTimeout((int) timeout.toMillis());
            created.setKeepAlive(true);
            if (tls) {
                SSLSocket ssl = (SSLSocket) created;
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
            }
            socket = created;
            out = created.getOutputStream();
        } catch (IOException e) {
            created.close();
            throw e;
        }
    }

    /** True when the receiver has closed its end: a read sees end-of-stream instead of timing out at once. */
    private boolean peerClosed() {
        try {
            socket.setSoTimeout(PROBE_MILLIS);
            int read = socket.getInputStream().read();
            socket.setSoTimeout((int) timeout.toMillis());
            return read < 0;
        } catch (SocketTimeoutException e) {
            try {
                socket.setSoTimeout((int) timeout.toMillis());
                return false;
            } catch (IOException reset) {
                return true;
            }
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a broken connection: nothing left to release.
            }
            socket = null;
            out = null;
        }
    }
}
