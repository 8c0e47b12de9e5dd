package dev.vigil.streams.redact;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditEventParser;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.redact.SecretEnvNames;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    private static final String LAST_APPLIED = "[\"kubectl.kubernetes.io/last-applied-configuration\"]";
    private static final List<AuditTestData.Line> FIXTURES =
            AuditTestData.lines(AuditTestData.file("fixtures/streams/redaction-audit.jsonl"));

    private final Redactor redactor = Redactor.withDefaults();

    /** The secret values of the fixtures, as they appear in JSON text. */
    static List<String> secretValues() throws IOException {
        return Files.readAllLines(AuditTestData.file("fixtures/streams/redaction-secret-values.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    private static AuditEvent fixture(int line) {
        return AuditEventParser.parse(FIXTURES.get(line - 1).text()).value();
    }

    private Redaction redact(int line) {
        return redactor.redact(fixture(line));
    }

    @Test
    void redactsSecretDataStringDataAndTheLastAppliedAnnotation() {
        Redaction redaction = redact(1);

        assertThat(redaction.paths()).containsExactlyInAnyOrder(
                "requestObject.data.password", "requestObject.data[\"tls.key\"]",
                "requestObject.stringData.api-key", "requestObject.metadata.annotations" + LAST_APPLIED,
                "responseObject.data.api-key", "responseObject.data.password", "responseObject.data[\"tls.key\"]",
                "responseObject.metadata.annotations" + LAST_APPLIED);
        JsonNode request = redaction.event().requestObject();
        assertThat(request.path("data").path("password").stringValue()).isEqualTo(Redactor.REDACTED);
        assertThat(request.path("stringData").path("api-key").stringValue()).isEqualTo(Redactor.REDACTED);
        assertThat(request.path("metadata").path("annotations").path(Redactor.LAST_APPLIED).stringValue())
                .isEqualTo(Redactor.REDACTED);
        assertThat(request.path("metadata").path("name").stringValue()).isEqualTo("db-credentials");
        assertThat(request.path("type").stringValue()).isEqualTo("Opaque");
        assertThat(redaction.event().responseObject().path("metadata").path("managedFields").toString())
                .contains("f:password");
    }

    @Test
    void neverChangesTheEventItWasGiven() {
        AuditEvent original = fixture(1);
        String before = VigilJson.write(original);

        Redaction redaction = redactor.redact(original);

        assertThat(VigilJson.write(original)).isEqualTo(before);
        assertThat(redaction.event()).isNotSameAs(original);
        assertThat(redaction.event().auditID()).isEqualTo(original.auditID());
    }

    @Test
    void redactsSecretsReadListedAndPatched() {
        assertThat(redact(2).paths()).containsExactlyInAnyOrder("responseObject.data.api-key",
                "responseObject.data.password", "responseObject.data[\"tls.key\"]",
                "responseObject.metadata.annotations" + LAST_APPLIED);
        assertThat(redact(3).paths()).containsExactlyInAnyOrder("responseObject.items[0].data.api-key",
                "responseObject.items[0].data.password", "responseObject.items[0].data[\"tls.key\"]",
                "responseObject.items[0].metadata.annotations" + LAST_APPLIED);
        assertThat(redact(4).paths()).contains("requestObject.data.password").hasSize(5);
        assertThat(redact(5).paths()).containsExactly("requestObject[0].value");
        assertThat(redact(5).event().requestObject().get(0).path("path").stringValue()).isEqualTo("/data/password");
    }

    @Test
    void redactsSecretLookingEnvInPodsAndEveryWorkloadTemplate() {
        Redaction pod = redact(6);
        assertThat(pod.paths()).containsExactlyInAnyOrder(
                "requestObject.spec.initContainers[0].env[0].value", "requestObject.spec.containers[0].env[0].value",
                "requestObject.spec.containers[0].env[1].value", "responseObject.spec.initContainers[0].env[0].value",
                "responseObject.spec.containers[0].env[0].value", "responseObject.spec.containers[0].env[1].value");
        JsonNode env = pod.event().requestObject().path("spec").path("containers").get(0).path("env");
        assertThat(env.get(2).path("value").stringValue()).as("LOG_LEVEL stays").isEqualTo("debug");
        assertThat(env.get(3).path("valueFrom").path("secretKeyRef").path("name").stringValue())
                .isEqualTo("db-credentials");

        assertThat(redact(7).paths()).containsExactlyInAnyOrder("requestObject.metadata.annotations" + LAST_APPLIED,
                "requestObject.spec.template.spec.containers[0].env[0].value");
        assertThat(redact(8).paths())
                .containsExactly("requestObject.spec.jobTemplate.spec.template.spec.containers[0].env[0].value");
        assertThat(redact(9).paths()).containsExactly("requestObject[0].value.value");
        assertThat(redact(9).event().requestObject().get(0).path("value").path("name").stringValue())
                .isEqualTo("REDIS_PASSWORD");
    }

    @Test
    void redactsServiceAccountTokensAndTokenReviews() {
        assertThat(redact(10).paths()).containsExactly("responseObject.status.token");
        assertThat(redact(11).paths()).containsExactly("requestObject.spec.token", "responseObject.spec.token");
    }

    @Test
    void returnsEventsWithoutSecretsUnchanged() {
        AuditEvent configMap = fixture(12);

        Redaction redaction = redactor.redact(configMap);

        assertThat(redaction.event()).isSameAs(configMap);
        assertThat(redaction.redacted()).isFalse();
        assertThat(redaction.values()).isEmpty();
    }

    @Test
    void noSecretValueIsLeftInAnyRedactedFixture() throws IOException {
        List<String> secrets = secretValues();
        for (int line = 1; line <= FIXTURES.size(); line++) {
            String written = VigilJson.write(redact(line).event());
            for (String secret : secrets) {
                assertThat(written).as("fixture line %d", line).doesNotContain(secret);
            }
        }
    }

    @Test
    void scrubsRemovedValuesFromTextAndJson() {
        Redaction redaction = redact(6);
        JsonNode details = VigilJson.mapper().valueToTree(Map.of("env", "DB_PASSWORD=pod-db-pa55w0rd",
                "pod-db-pa55w0rd", List.of("tok-9f8e7d6c5b4a3f2e", "kept")));

        assertThat(redaction.scrub("uses pod-db-pa55w0rd and tok-9f8e7d6c5b4a3f2e"))
                .isEqualTo("uses [REDACTED] and [REDACTED]");
        assertThat(redaction.scrub(details).toString())
                .doesNotContain("pod-db-pa55w0rd").doesNotContain("tok-9f8e7d6c5b4a3f2e").contains("kept");
        assertThat(redaction.scrub(VigilJson.mapper().valueToTree(Map.of("a", "b")))).isNotNull();
        assertThat(redaction.toString()).doesNotContain("pod-db-pa55w0rd").contains("hidden");
    }

    @Test
    void recognisesSecretLookingEnvNames() {
        SecretEnvNames names = new SecretEnvNames(Redactor.DEFAULT_ENV_NAME_MARKERS);

        assertThat(List.of("DB_PASSWORD", "api-key", "API_KEY", "GITHUB_TOKEN", "client.secret", "AWS_ACCESS_KEY_ID",
                "SSH_PRIVATE_KEY", "MYSQL_ROOT_PASSWD", "GCP_CREDENTIALS")).allMatch(names::isSecret);
        assertThat(List.of("LOG_LEVEL", "PATH", "JAVA_OPTS", "REPO", "AWS_REGION", "PORT")).noneMatch(names::isSecret);
        assertThat(new SecretEnvNames(List.of("Magic-Word")).isSecret("THE_MAGICWORD")).isTrue();
    }

    @Test
    void shortSecretWordsCountOnlyAsWholeWords() {
        SecretEnvNames names = new SecretEnvNames(Redactor.DEFAULT_ENV_NAME_MARKERS);

        assertThat(List.of("DB_PASS", "dbPass", "ADMIN_PW", "JWT", "jwt-signing", "DATABASE_DSN")).allMatch(names::isSecret);
        assertThat(List.of("PASSTHROUGH", "BYPASS_CACHE", "COMPASS_URL", "PWM_MODE", "DSNAME", "JWTX"))
                .noneMatch(names::isSecret);
    }

    @Test
    void redactsByShapeTheRequestUriAnnotationsAndStatusMessage() {
        AuditEvent event = AuditEventParser.parse("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete",
                 "requestURI":"/api/v1/pods?limit=500&access_token=fake-token-1234","verb":"list",
                 "responseStatus":{"code":403,"message":"webhook denied: DB_PASS=fake-pass-1234 not allowed"},
                 "annotations":{"authorization.k8s.io/decision":"allow","note":"from redis://:fake-redis-1234@r:6379"}}
                """).value();

        Redaction redaction = redactor.redact(event);

        assertThat(redaction.paths()).containsExactlyInAnyOrder("requestURI", "annotations[\"note\"]",
                "responseStatus.message");
        String written = VigilJson.write(redaction.event());
        assertThat(written).doesNotContain("fake-token-1234", "fake-pass-1234", "fake-redis-1234")
                .contains("/api/v1/pods?limit=500&access_token=[REDACTED]", "redis://:[REDACTED]@r:6379",
                        "\"authorization.k8s.io/decision\":\"allow\"");
        assertThat(redaction.scrub("GET /api/v1/pods?limit=500&access_token=fake-token-1234 and fake-pass-1234"))
                .isEqualTo("GET /api/v1/pods?limit=500&access_token=[REDACTED] and [REDACTED]");
    }

    @Test
    void anEventWithoutSecretShapesIsReturnedAsItIs() {
        AuditEvent event = AuditEventParser.parse("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a2","stage":"ResponseComplete",
                 "requestURI":"/api/v1/namespaces/default/pods?limit=500&watch=true","verb":"watch",
                 "userAgent":"kubectl/v1.29.0 (linux/amd64) kubernetes/3f7a50f",
                 "annotations":{"authorization.k8s.io/decision":"allow"}}
                """).value();

        assertThat(redactor.redact(event).event()).isSameAs(event);
    }

    @Test
    void theArgumentAfterASecretFlagIsRedactedAsAWhole() {
        AuditEvent event = AuditEventParser.parse("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"a3","stage":"ResponseComplete",
                 "verb":"create","objectRef":{"resource":"jobs","apiGroup":"batch","namespace":"ci"},
                 "requestObject":{"kind":"Job","spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox",
                   "command":["sh","-c","mysql --password fake-pw-1234 shop"],
                   "args":["--api-key","fake-key-1234","--secret-name","db","--verbose","--token","$(TOKEN)"]}]}}}}}
                """).value();

        Redaction redaction = redactor.redact(event);

        String prefix = "requestObject.spec.template.spec.containers[0].";
        assertThat(redaction.paths()).containsExactlyInAnyOrder(prefix + "command[2]", prefix + "args[1]");
        JsonNode container = redaction.event().requestObject().at("/spec/template/spec/containers/0");
        assertThat(container.path("command").get(2).stringValue()).isEqualTo("mysql --password [REDACTED] shop");
        assertThat(container.path("args").toString())
                .isEqualTo("[\"--api-key\",\"[REDACTED]\",\"--secret-name\",\"db\",\"--verbose\",\"--token\",\"$(TOKEN)\"]");
        assertThat(redaction.scrub("ran with fake-key-1234")).isEqualTo("ran with [REDACTED]");
    }
}
