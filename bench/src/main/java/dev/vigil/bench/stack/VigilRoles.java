package dev.vigil.bench.stack;

import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vigil's roles in this JVM, wired the way {@code vigil run} wires them: the stage modules' auto-configurations,
 * given the three beans the {@code app} module provides (Kafka settings, topic names, a meter registry), against
 * the bench's embedded Kafka and OpenSearch, on a free HTTP port.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class VigilRoles {

    /** The bearer token the bench's webhook clients use; it posts as cluster {@code bench}. */
    public static final String TOKEN = "bench-token-not-a-secret";
    public static final String CLUSTER = "bench";

    /** Starts the given roles (e.g. {@code ingest} or {@code ingest,streams,alerting}); close the context to stop. */
    public static ConfigurableApplicationContext start(String roles, KafkaClientSettings kafka, Topics topics,
                                                       String openSearchUrl, Path stateDir,
                                                       Map<String, Object> extraProperties) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("vigil.roles", roles);
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", 0);
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.config", "classpath:bench-log4j2.xml");
        properties.put("vigil.ingest.tokens[0].token", TOKEN);
        properties.put("vigil.ingest.tokens[0].cluster", CLUSTER);
        properties.put("vigil.opensearch.url", openSearchUrl);
        properties.put("vigil.streams.state-dir", stateDir.toString());
        properties.putAll(extraProperties);
        MeterRegistry registry = new SimpleMeterRegistry();
        return new SpringApplicationBuilder(VigilRoles.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("kafkaClientSettings", kafka);
                    context.getBeanFactory().registerSingleton("topics", topics);
                    context.getBeanFactory().registerSingleton("meterRegistry", registry);
                })
                .run();
    }

    /** The HTTP port the context listens on. */
    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
