package dev.vigil.app.embedded;

import java.nio.file.Path;
import java.util.Optional;

import dev.vigil.app.config.VigilProperties;
import dev.vigil.embedded.KafkaSettings;
import dev.vigil.embedded.OpenSearchSettings;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Which embedded servers {@code vigil run} must start, decided from the configuration alone: Kafka when no
 * bootstrap servers are configured, OpenSearch when no URL is configured and a role needs OpenSearch.
 *
 * @param kafka      settings of the broker to start, if any
 * @param openSearch settings of the node to start, if any
 */
record EmbeddedPlan(Optional<KafkaSettings> kafka, Optional<OpenSearchSettings> openSearch) {

    static final String KAFKA_BOOTSTRAP_SERVERS = "vigil.kafka.bootstrap-servers";
    static final String OPENSEARCH_URL = "vigil.opensearch.url";

    static EmbeddedPlan of(Environment environment) {
        Binder binder = Binder.get(environment);
        VigilEmbeddedProperties embedded = binder.bindOrCreate("vigil.embedded", VigilEmbeddedProperties.class);
        VigilProperties vigil = binder.bindOrCreate("vigil", Bindable.of(VigilProperties.class));
        boolean needsKafka = !configured(binder, KAFKA_BOOTSTRAP_SERVERS);
        boolean needsOpenSearch = vigil.usesOpenSearch() && !configured(binder, OPENSEARCH_URL);
        if (!embedded.enabled() && (needsKafka || needsOpenSearch)) {
            throw new IllegalStateException("vigil.embedded.enabled is false, so set "
                    + (needsKafka ? KAFKA_BOOTSTRAP_SERVERS : OPENSEARCH_URL) + " (or its environment variable)");
        }
        Path dataDir = embedded.dataDir().toAbsolutePath().normalize();
        return new EmbeddedPlan(
                needsKafka ? Optional.of(KafkaSettings.builder()
                        .host(embedded.host())
                        .brokerPort(embedded.kafkaPort())
                        .controllerPort(embedded.kafkaControllerPort())
                        .dataDir(dataDir.resolve("kafka"))
                        .build()) : Optional.empty(),
                needsOpenSearch ? Optional.of(OpenSearchSettings.builder()
                        .host(embedded.host())
                        .httpPort(embedded.opensearchPort())
                        .dataDir(dataDir.resolve("opensearch"))
                        .clusterName("vigil")
                        .build()) : Optional.empty());
    }

    /**
     * Where Kafka Streams keeps its local state beside the embedded broker's data ({@code <data-dir>/streams}): the
     * state belongs to that broker's changelogs, and two runs with different data directories must not share it
     * (state left over from another broker is "corrupted" to Kafka Streams, which wipes and rebuilds it). Empty
     * without the embedded broker.
     */
    Optional<Path> streamsStateDir() {
        return kafka.flatMap(KafkaSettings::dataDir).map(kafkaDir -> kafkaDir.resolveSibling("streams"));
    }

    boolean isEmpty() {
        return kafka.isEmpty() && openSearch.isEmpty();
    }

    private static boolean configured(Binder binder, String property) {
        return binder.bind(property, String.class).map(String::isBlank).map(blank -> !blank).orElse(false);
    }
}
