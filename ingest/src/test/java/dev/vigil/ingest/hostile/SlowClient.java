package dev.vigil.ingest.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow-loris client on a raw socket: it announces a body, then sends it slowly or not at all, and reads what the
 * server answers (or notices that it hung up). Nothing here waits longer than the bound a test gives.
 */
final class SlowClient implements AutoCloseable {

    /** What came back: the HTTP status, or -1 when the server closed the connection without one; and when. */
    record Answer(int status, Duration after, String firstLine) {
    }

    /** A whole answer, read until the server closed the connection (or sent all of its Content-Length). */
    record Response(int status, Duration after, Map<String, String> headers, String body, boolean closed) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final long opened = System.nanoTime();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

    private SlowClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    static SlowClient open(int port, String authorization, long contentLength) throws IOException {
        return open(port, "/v1/audit", authorization, contentLength);
    }

    /** A request to {@code target} (path and query); {@code authorization} null sends none. */
    static SlowClient open(int port, String target, String authorization, long contentLength) throws IOException {
        SlowClient client = new SlowClient(new Socket("127.0.0.1", port));
        client.send(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + (authorization == null ? "" : "\r\nAuthorization: " + authorization)
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return client;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends {@code body} in {@code pieces} parts, one every {@code interval}, in the background. */
    void trickle(byte[] body, int pieces, Duration interval) {
        int size = (body.length + pieces - 1) / pieces;
        AtomicInteger next = new AtomicInteger();
        writer.scheduleAtFixedRate(() -> {
            int from = next.getAndIncrement() * size;
            if (from >= body.length) {
                writer.shutdown();
                return;
            }
            try {
                send(Arrays.copyOfRange(body, from, Math.min(body.length, from + size)));
            } catch (IOException e) {
                writer.shutdown();
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the status line; waits at most {@code timeout} (a hang fails the calling test). */
    Answer awaitAnswer(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer and no close within " + timeout, e);
        } catch (IOException reset) {
            return new Answer(-1, elapsed(), "connection reset: " + reset.getMessage());
        }
        String first = line.toString().trim();
        int status = first.startsWith("HTTP/1.1 ") && first.length() >= 12 ? Integer.parseInt(first.substring(9, 12)) : -1;
        return new Answer(status, elapsed(), first);
    }

    /**
     * Reads the status line, the headers and the body; waits at most {@code timeout} for all of it. {@code closed}
     * tells whether the server closed the connection after the body.
     */
    Response awaitResponse(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        try {
            String status = line(in);
            Duration after = elapsed();
            Map<String, String> headers = new HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new Response(Integer.parseInt(status.substring(9, 12)), after, headers,
                    new String(body, StandardCharsets.UTF_8), closedAfter(in));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete answer within " + timeout, e);
        }
    }

    /** Whether the server hangs up after its answer (it does within a second or not at all). */
    private boolean closedAfter(InputStream in) throws IOException {
        socket.setSoTimeout(2000);
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString().trim();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - opened);
    }

    @Override
    public void close() throws IOException {
        writer.shutdownNow();
        socket.close();
    }
}
