package dev.vigil.streams.rules;

import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertCandidate;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * secret-in-env names the variable, never its value: not in the detection, not in the alert built from it, not in
 * the evidence the redactor stores; and the rule flags only names the redactor redacts.
 */
class SecretInEnvRuleTest {

    private static final String VALUE = "S3cr3t-Pa55!";
    private static final String EVENT = """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"5e1f","stage":"ResponseComplete",
             "requestURI":"/apis/apps/v1/namespaces/shop/deployments","verb":"create",
             "user":{"username":"dev@example.com"},
             "objectRef":{"resource":"deployments","namespace":"shop","name":"api","apiGroup":"apps","apiVersion":"v1"},
             "responseStatus":{"code":201},
             "requestObject":{"kind":"Deployment","metadata":{"name":"api","annotations":{
               "kubectl.kubernetes.io/last-applied-configuration":"{\\"spec\\":{\\"template\\":{\\"spec\\":{\\"containers\\":[{\\"name\\":\\"api\\",\\"env\\":[{\\"name\\":\\"DB_PASSWORD\\",\\"value\\":\\"%1$s\\"}]}]}}}}"}},
               "spec":{"template":{"spec":{"containers":[{"name":"api","image":"registry.example.com/api:4.2",
                 "env":[{"name":"DB_PASSWORD","value":"%1$s"}]}]}}}},
             "annotations":{"authorization.k8s.io/decision":"allow"}}""".formatted(VALUE);

    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());

    @Test
    void theValueIsInNeitherDetectionNorAlertNorEvidence() {
        List<Detection> detections = ENGINE.evaluate(RuleEngineTest.record(EVENT)).stream()
                .filter(d -> d.rule().id().equals("secret-in-env")).toList();
        assertThat(detections).hasSize(1);
        Detection hit = detections.get(0);
        assertThat(hit.message()).contains("api/DB_PASSWORD").doesNotContain(VALUE);
        assertThat(hit.details().toString()).doesNotContain(VALUE);

        List<AlertCandidate> alerts = new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(), Duration.ofHours(1))
                .candidates(detections);
        assertThat(VigilJson.mapper().writeValueAsString(alerts.get(0).alert())).doesNotContain(VALUE);
        String evidence = VigilJson.mapper().writeValueAsString(
                Redactor.withDefaults().redact(hit.record().event()).event());
        assertThat(evidence).doesNotContain(VALUE).contains(Redactor.REDACTED);
    }

    @Test
    void theRuleFlagsOnlyNamesTheRedactorRedacts() {
        assertThat(ENGINE.lists().get("secret_env_markers")).isEqualTo(Redactor.DEFAULT_ENV_NAME_MARKERS);
    }
}
