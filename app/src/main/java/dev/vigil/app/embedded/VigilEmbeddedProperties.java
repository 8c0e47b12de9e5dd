package dev.vigil.app.embedded;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The local default ({@code vigil.embedded.*}): the Kafka broker and OpenSearch node {@code vigil run} starts inside
 * its own JVM when {@code vigil.kafka.bootstrap-servers} or {@code vigil.opensearch.url} is not configured.
 *
 * @param enabled              whether to start embedded servers for connections that are not configured; when
 *                             off, a missing Kafka or OpenSearch connection fails start-up
 * @param host                 address the embedded servers bind to; loopback keeps them private to this machine
 * @param kafkaPort            client port of the embedded Kafka broker; 0 picks a free port
 * @param kafkaControllerPort  KRaft controller port of the embedded broker; 0 picks a free port at every start
 * @param opensearchPort       HTTP port of the embedded OpenSearch node; 0 picks a free port
 * @param dataDir              directory holding the embedded servers' data ({@code kafka/}, {@code opensearch/})
 *                             and Kafka Streams' local state ({@code streams/}), kept between runs so a restart finds its topics and indices again
 */
@ConfigurationProperties("vigil.embedded")
@Validated
public record VigilEmbeddedProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("127.0.0.1") @NotBlank String host,
        @DefaultValue("9092") @Min(0) @Max(65535) int kafkaPort,
        @DefaultValue("0") @Min(0) @Max(65535) int kafkaControllerPort,
        @DefaultValue("9200") @Min(0) @Max(65535) int opensearchPort,
        @DefaultValue("data") @NotNull Path dataDir) {
}
