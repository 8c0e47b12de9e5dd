package dev.vigil.ingest.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
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

    private final Socket socket;
    private final OutputStream out;
    private final long opened = System.nanoTime();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

    private SlowClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    static SlowClient open(int port, String authorization, long contentLength) throws IOException {
        SlowClient client = new SlowClient(new Socket("127.0.0.1", port));
        client.send(("POST /v1/audit HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
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

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - opened);
    }

    @Override
    public void close() throws IOException {
        writer.shutdownNow();
        socket.close();
    }
}
