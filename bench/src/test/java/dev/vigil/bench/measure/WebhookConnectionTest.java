package dev.vigil.bench.measure;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookConnectionTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsOverOneKeptAliveConnectionAndReadsSizedAndChunkedAnswers() throws Exception {
        start();
        try (WebhookConnection connection = new WebhookConnection("127.0.0.1", server.getAddress().getPort(),
                "/v1/audit", "Content-Type: application/json", "Authorization: Bearer t")) {
            WebhookConnection.Answer sized = connection.post("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            WebhookConnection.Answer chunked = connection.post("chunked".getBytes(StandardCharsets.UTF_8));

            assertThat(sized).isEqualTo(new WebhookConnection.Answer(200, "{\"accepted\":400}"));
            assertThat(chunked).isEqualTo(new WebhookConnection.Answer(200, "{\"accepted\":400}"));
        }
        assertThat(received).containsExactly("POST /v1/audit Bearer t {\"a\":1}", "POST /v1/audit Bearer t chunked");
        assertThat(peers).hasSize(2);
        assertThat(peers.get(1)).as("the same connection, kept alive").isEqualTo(peers.get(0));
    }

    @Test
    void reconnectsAfterAnAnswerThatClosedTheConnection() throws Exception {
        start();
        try (WebhookConnection connection = new WebhookConnection("127.0.0.1", server.getAddress().getPort(),
                "/v1/audit")) {
            assertThat(connection.post("close".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(503);
            assertThat(connection.post("{}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        }
        assertThat(peers.get(0)).isNotEqualTo(peers.get(1));
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            peers.add(exchange.getRemoteAddress());
            byte[] answer = "{\"accepted\":400}".getBytes(StandardCharsets.UTF_8);
            if (body.equals("close")) {
                exchange.getResponseHeaders().add("Connection", "close");
                exchange.sendResponseHeaders(503, answer.length);
            } else {
                exchange.sendResponseHeaders(200, body.equals("chunked") ? 0 : answer.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }
}
