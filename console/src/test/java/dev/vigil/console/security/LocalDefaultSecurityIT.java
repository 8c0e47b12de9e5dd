package dev.vigil.console.security;

import dev.vigil.console.StandInEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.vigil.console.ConsoleUsersForTests.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local default's security in a role without the console (ingest only): one {@code admin} with the password of
 * {@code VIGIL_CONSOLE_PASSWORD}, an open Prometheus endpoint, and the same rules for everything else.
 */
@SpringBootTest(classes = LocalDefaultSecurityIT.IngestOnly.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.roles=ingest", "server.address=127.0.0.1", "vigil.console.password=local-admin-pw",
                "vigil.console.prometheus-open=true"})
class LocalDefaultSecurityIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void prometheusIsOpenWhenConfigured() throws Exception {
        HttpResponse<String> response = send(request("/actuator/prometheus"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("vigil_console_stream_subscribers");
    }

    @Test
    void otherActuatorEndpointsStillNeedTheAdmin() throws Exception {
        assertThat(send(request("/actuator/env")).statusCode()).isEqualTo(401);
        assertThat(send(basic(request("/actuator/env"), "admin", "wrong")).statusCode()).isEqualTo(401);
        assertThat(send(basic(request("/actuator/env"), "admin", "local-admin-pw")).statusCode()).isEqualTo(200);
    }

    @Test
    void theWebhookStaysOpenToIngestsOwnAuthentication() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/v1/audit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void noConsoleWithoutTheConsoleRoleButTheApiRulesHold() throws Exception {
        assertThat(send(request("/v1/rules")).statusCode()).isEqualTo(401);
        assertThat(send(basic(request("/v1/rules"), "admin", "local-admin-pw")).statusCode()).isEqualTo(404);
        assertThat(send(request("/alerts")).statusCode()).isEqualTo(302);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(url(path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "dev.vigil.console.QueryAutoConfiguration",
            "dev.vigil.alerting.opensearch.OpenSearchAutoConfiguration",
            "dev.vigil.alerting.AlertingAutoConfiguration",
            "dev.vigil.alerting.notify.NotifierAutoConfiguration",
            "dev.vigil.streams.StreamsAutoConfiguration",
            "dev.vigil.streams.rules.RulesAutoConfiguration",
            // ingest's webhook is a stand-in here; its filter chain (IngestSecurityAutoConfiguration) is the real one
            "dev.vigil.ingest.IngestAutoConfiguration"})
    @Import(StandInEndpoints.class)
    static class IngestOnly {
    }
}
