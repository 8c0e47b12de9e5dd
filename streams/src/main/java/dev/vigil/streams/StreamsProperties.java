package dev.vigil.streams;

import dev.vigil.streams.alerts.DedupSettings;
import dev.vigil.streams.pods.PodSettings;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.topology.TopologySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code streams} role ({@code vigil.streams.*}).
 *
 * @param applicationId  Kafka Streams application id of the detection application: the consumer group and the prefix
 *                       of internal topics; instances sharing it share the work. The evidence application uses this
 *                       id followed by {@code -evidence}
 * @param stateDir       directory of the local state stores; kept across restarts (a lost one is restored from the
 *                       changelog topics). With the embedded broker of {@code vigil run} it defaults to
 *                       {@code <vigil.embedded.data-dir>/streams}, beside the broker's data
 * @param numThreads     stream threads of each of the two applications in this instance
 * @param commitInterval how often detection commits its exactly-once transaction (each alert waits for two commits)
 * @param evidenceCommitInterval how often the evidence application commits: longer than detection's, because fewer,
 *                       larger transactions leave the broker and CPU to detection, and evidence is not urgent
 * @param startTimeout   how long start-up waits for the topology to reach RUNNING before it goes on, logging a
 *                       warning (Kafka Streams keeps trying in the background)
 * @param closeTimeout   how long shutdown waits for stream threads to finish
 * @param autoStartup    whether the topology starts with the application (off: start it through the
 *                       {@code KafkaStreamsLifecycle} bean)
 * @param properties     extra Kafka Streams properties, passed as they are (they win over Vigil's settings, which
 *                       include {@code producer.batch.size} 262144 and {@code producer.compression.type} lz4)
 * @param dedup          alert dedup
 * @param pods           long-lived pod detection
 * @param redaction      secret redaction
 */
@Validated
@ConfigurationProperties(StreamsProperties.PREFIX)
public record StreamsProperties(
        @DefaultValue("vigil-streams") @NotBlank String applicationId,
        @DefaultValue("./data/streams") @NotNull Path stateDir,
        @DefaultValue("1") @Min(1) int numThreads,
        @DefaultValue("100ms") @NotNull Duration commitInterval,
        @DefaultValue("1s") @NotNull Duration evidenceCommitInterval,
        @DefaultValue("60s") @NotNull Duration startTimeout,
        @DefaultValue("30s") @NotNull Duration closeTimeout,
        @DefaultValue("true") boolean autoStartup,
        Map<String, String> properties,
        @DefaultValue @Valid Dedup dedup,
        @DefaultValue @Valid Pods pods,
        @DefaultValue @Valid Redaction redaction) {

    public static final String PREFIX = "vigil.streams";

    public StreamsProperties {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /**
     * The properties as Spring Boot binds them from {@code vigil.streams.*} keys, e.g.
     * {@code Map.of("vigil.streams.pods.limit", "2h")}; for tests, benchmarks and tools that run without a context.
     */
    public static StreamsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate(PREFIX, StreamsProperties.class);
    }

    public static StreamsProperties defaults() {
        return bind(Map.of());
    }

    /** The application id of the evidence application (see {@code VigilTopology}). */
    public String evidenceApplicationId() {
        return applicationId + "-evidence";
    }

    /** The typed settings the topology is built from, for the rules {@code engine} in use. */
    public TopologySettings topologySettings(DetectionEngine engine, Redactor redactor) {
        return new TopologySettings(redactor,
                new DedupSettings(dedup.defaultWindow(), dedup.grace(), dedup.purgeInterval(), dedup.exactCountLimit()),
                PodSettings.of(engine, pods.punctuationInterval()), Clock.systemUTC());
    }

    /**
     * Alert dedup: repeats of one rule on one dedup key inside the window update one alert.
     *
     * @param defaultWindow window of rules that do not set their own
     * @param grace         how long dedup state outlives its window after the last hit, for late repeats
     * @param purgeInterval how often expired dedup state is removed
     * @param exactCountLimit distinct events (cluster and audit id) an alert counts exactly, at 8 bytes of dedup
     *                      state each; beyond, its count is an estimate (HyperLogLog in 16 KiB, 0.8 % standard error).
     *                      A redelivered event never raises the count either way
     */
    public record Dedup(
            @DefaultValue("1h") @NotNull Duration defaultWindow,
            @DefaultValue("10m") @NotNull Duration grace,
            @DefaultValue("1m") @NotNull Duration purgeInterval,
            @DefaultValue("2048") @Min(0) @Max(1_000_000) int exactCountLimit) {
    }

    /**
     * Long-lived pods (BSI APP.4.4.A21); the limit and exemptions are the rule's, under
     * {@code vigil.rules.long-lived-pod.*}.
     *
     * @param punctuationInterval how often every tracked pod is checked against the limit, and the posture of every
     *                            watched cluster (network policies, control-plane nodes) is judged
     */
    public record Pods(@DefaultValue("1m") @NotNull Duration punctuationInterval) {
    }

    /**
     * Secret redaction of evidence and alerts.
     *
     * @param envNameMarkers parts of environment variable names that mark their values as secret, compared without
     *                       case and separators ({@code apikey} matches {@code API_KEY}); setting it replaces the
     *                       defaults password, passwd, passphrase, pwd, secret, token, apikey, accesskey, privatekey,
     *                       privkey, credential, creds, connectionstring, sessionkey, signingkey, encryptionkey, authkey
     */
    public record Redaction(List<String> envNameMarkers) {

        public Redaction {
            envNameMarkers = envNameMarkers == null || envNameMarkers.isEmpty()
                    ? Redactor.DEFAULT_ENV_NAME_MARKERS : List.copyOf(envNameMarkers);
        }
    }
}
