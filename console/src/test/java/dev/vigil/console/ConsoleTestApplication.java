package dev.vigil.console;

import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.model.rule.RuleMeta;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console role as the app assembles it, on the shared embedded Kafka, with the beans the app and the other
 * modules provide (the other modules' auto-configurations are excluded). The ingest webhook and the actuator live in
 * other modules, and the alerts query API needs an OpenSearch this context has not; {@link StandInEndpoints}
 * answers on their paths so the security rules around them can be tested.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        // The other stages' parts of the app stay out: this context tests the console module on its own.
        "dev.vigil.console.QueryAutoConfiguration",
        "dev.vigil.alerting.opensearch.OpenSearchAutoConfiguration",
        "dev.vigil.alerting.AlertingAutoConfiguration",
        "dev.vigil.alerting.notify.NotifierAutoConfiguration",
        "dev.vigil.streams.StreamsAutoConfiguration",
        "dev.vigil.streams.rules.RulesAutoConfiguration",
        // ingest's webhook is a stand-in here; its filter chain (IngestSecurityAutoConfiguration) is the real one
        "dev.vigil.ingest.IngestAutoConfiguration"})
@Import(StandInEndpoints.class)
public class ConsoleTestApplication {

    public static final String ALERTS_TOPIC = "console-it.alerts";

    public static final RuleMeta ANONYMOUS_ADMIN = new RuleMeta("anonymous-admin-action", "Anonymous admin action",
            "system:anonymous made a non-read request and it was allowed", "1", "vigil-core", Severity.CRITICAL,
            List.of("APP.4.4.A3"), List.of("T1078.001"), List.of("iam"), Duration.ofMinutes(10));
    public static final RuleMeta PRIVILEGED_POD = new RuleMeta("privileged-pod", "Privileged pod",
            "a pod violates the baseline Pod Security Standard", "1", "vigil-core", Severity.HIGH,
            List.of("APP.4.4.A4", "SYS.1.6"), List.of("T1611"), List.of("host"), Duration.ofHours(1));

    @Bean
    KafkaClientSettings kafkaClientSettings() {
        EmbeddedKafkaExtension.kafka().createTopics(Map.of(ALERTS_TOPIC, 2));
        return KafkaClientSettings.of(EmbeddedKafkaExtension.kafka().bootstrapServers());
    }

    @Bean
    Topics topics() {
        Topics defaults = Topics.defaults();
        return new Topics(defaults.audit(), defaults.watch(), ALERTS_TOPIC, defaults.evidence(), defaults.dlq());
    }

    /** The two rules a real engine would list; evaluation is the streams module's business. */
    @Bean
    @Primary
    DetectionEngine detectionEngine() {
        List<RuleMeta> rules = List.of(PRIVILEGED_POD, ANONYMOUS_ADMIN);
        return new DetectionEngine() {
            @Override
            public List<Detection> evaluate(AuditRecord record) {
                return List.of();
            }

            @Override
            public Optional<RuleMeta> rule(String id) {
                return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
            }

            @Override
            public List<RuleMeta> rules() {
                return rules;
            }
        };
    }
}
