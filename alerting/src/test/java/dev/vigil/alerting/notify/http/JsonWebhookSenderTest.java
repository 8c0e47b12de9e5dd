package dev.vigil.alerting.notify.http;

import dev.vigil.alerting.notify.target.DeliveryException;
import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.alerting.notify.HttpReceiver;
import dev.vigil.alerting.notify.HttpReceiver.Answer;
import dev.vigil.alerting.notify.MutableClock;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.notify.target.WebhookProperties;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.JsonSerde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonWebhookSenderTest {

    private static final String SECRET = "s3cr3t-hmac-key";
    private final HttpReceiver receiver = new HttpReceiver();
    private final MutableClock clock = new MutableClock(TestAlerts.AT.plusSeconds(5));

    JsonWebhookSenderTest() throws IOException {
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookProperties target(URI url, String secret) {
        WebhookProperties target = new WebhookProperties();
        target.setName("soar");
        target.setUrl(url);
        target.setSecret(secret);
        target.setConnectTimeout(Duration.ofSeconds(2));
        target.setTimeout(Duration.ofSeconds(5));
        return target;
    }

    @Test
    void postsTheContractAlertDocumentAsItIs() throws Exception {
        Alert alert = TestAlerts.anonymousAdmin("alert-1");

        new JsonWebhookSender(target(receiver.url("/hooks/vigil"), null), clock).send(alert);

        HttpReceiver.Request request = receiver.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/vigil");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Vigil-Event")).isEqualTo("alert");
        assertThat(request.header("X-Vigil-Alert-Id")).isEqualTo("alert-1");
        assertThat(request.header("User-Agent")).startsWith("Vigil/");
        assertThat(request.header("X-Vigil-Signature")).isNull();
        assertThat(request.text()).isEqualTo(VigilJson.write(alert));
        assertThat(JsonSerde.of(Alert.class).deserializer().deserialize("t", request.body())).isEqualTo(alert);
        JsonNode json = VigilJson.mapper().readTree(request.body());
        assertThat(json.at("/rule/id").asString()).isEqualTo("anonymous-admin-action");
        assertThat(json.at("/vigil/severity").asString()).isEqualTo("critical");
        assertThat(json.at("/event/severity").asInt()).isEqualTo(99);
    }

    @Test
    void signsTimestampAndExactBodyWithHmacSha256() throws Exception {
        new JsonWebhookSender(target(receiver.url("/signed"), SECRET), clock).send(TestAlerts.anonymousAdmin("signed-1"));

        HttpReceiver.Request request = receiver.requests().get(0);
        String timestamp = request.header("X-Vigil-Timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(request.header("X-Vigil-Signature")).isEqualTo("sha256=" + hmac(SECRET, timestamp + "." + request.text()));
        assertThat(request.header("X-Vigil-Signature"))
                .as("another secret does not verify")
                .isNotEqualTo("sha256=" + hmac("wrong", timestamp + "." + request.text()));
        assertThat(request.header("X-Vigil-Signature"))
                .as("a replay with a fresh timestamp does not verify")
                .isNotEqualTo("sha256=" + hmac(SECRET, (Long.parseLong(timestamp) + 600) + "." + request.text()));
    }

    /** The receiver's side, as docs/notifiers.md describes it, written independently of HmacSigner. */
    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsConfiguredHeaders() throws Exception {
        WebhookProperties target = target(receiver.url("/auth"), null);
        target.setHeaders(Map.of("Authorization", "Bearer token-123"));

        new JsonWebhookSender(target, clock).send(TestAlerts.anonymousAdmin("h"));

        assertThat(receiver.requests().get(0).header("Authorization")).isEqualTo("Bearer token-123");
    }

    @Test
    void refusesAHeaderTheHttpClientCannotSendWithoutEchoingItsValue() {
        WebhookProperties target = target(receiver.url("/x"), null);
        target.setHeaders(Map.of("Host", "secret-value"));

        assertThatThrownBy(() -> new JsonWebhookSender(target, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Host'")
                .hasMessageNotContaining("secret-value");
    }

    @Test
    void serverErrorsAndTooManyRequestsAreRetryable() throws Exception {
        receiver.script(new Answer(503, Map.of(), "maintenance"), new Answer(429, Map.of("Retry-After", "7"), ""));
        JsonWebhookSender sender = new JsonWebhookSender(target(receiver.url("/busy"), null), clock);

        DeliveryException unavailable = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(TestAlerts.anonymousAdmin("r")));
        DeliveryException tooMany = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(TestAlerts.anonymousAdmin("r")));

        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.getMessage()).isEqualTo("HTTP 503: maintenance");
        assertThat(tooMany.retryable()).isTrue();
        assertThat(tooMany.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void clientErrorsArePermanentAndRedirectsAreNotFollowed() throws Exception {
        receiver.script(new Answer(400, Map.of(), "bad\nrequest"), new Answer(302, Map.of("Location", "http://elsewhere/"), ""));
        JsonWebhookSender sender = new JsonWebhookSender(target(receiver.url("/strict"), null), clock);

        DeliveryException badRequest = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(TestAlerts.anonymousAdmin("p")));
        DeliveryException redirect = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(TestAlerts.anonymousAdmin("p")));

        assertThat(badRequest.retryable()).isFalse();
        assertThat(badRequest.getMessage()).isEqualTo("HTTP 400: bad request");
        assertThat(redirect.retryable()).isFalse();
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void connectionFailuresAreRetryableAndNeverNameTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/services/T000/B000/tokenXYZ");
        JsonWebhookSender sender = new JsonWebhookSender(target(url, SECRET), clock);

        DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(TestAlerts.anonymousAdmin("c")));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("connection failed").doesNotContain("tokenXYZ", SECRET);
    }

    @Test
    void postsRateLimitSummariesMarkedAsSuch() throws Exception {
        HeldBackSummary summary = new HeldBackSummary("soar", 4, TestAlerts.AT, TestAlerts.AT.plusSeconds(60), 10,
                Duration.ofMinutes(1), Map.of("privileged-pod", 4L), Severity.HIGH, List.of("a", "b", "c", "d"));

        new JsonWebhookSender(target(receiver.url("/sum"), SECRET), clock).sendSummary(summary);

        HttpReceiver.Request request = receiver.requests().get(0);
        JsonNode json = VigilJson.mapper().readTree(request.body());
        assertThat(request.header("X-Vigil-Event")).isEqualTo("rate-limit-summary");
        assertThat(request.header("X-Vigil-Signature")).isNotNull();
        assertThat(json.path("type").asString()).isEqualTo("rate_limit_summary");
        assertThat(json.path("held_back").asLong()).isEqualTo(4);
        assertThat(json.path("highest_severity").asString()).isEqualTo("high");
        assertThat(json.at("/by_rule/privileged-pod").asLong()).isEqualTo(4);
        assertThat(json.path("alert_ids")).hasSize(4);
    }

    @Test
    void targetDescriptionsMaskTheUrlPathAndSecret() {
        WebhookProperties target = target(URI.create("https://soar.example.com:8443/hooks/tokenXYZ?key=abc"), SECRET);
        target.setHeaders(Map.of("Authorization", "Bearer very-secret"));

        assertThat(target.toString())
                .contains("https://soar.example.com:8443/****", "(signed)", "[Authorization]")
                .doesNotContain("tokenXYZ", "abc", SECRET, "very-secret");
    }
}
