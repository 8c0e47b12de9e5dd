package dev.vigil.embedded;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link EmbeddedKafka} per test JVM, shared by every test class that uses this extension, and hands it
 * to tests as an {@code EmbeddedKafka} parameter or through {@link #kafka()}. It is closed when the test run ends.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
    private static volatile EmbeddedKafka shared;

    /** The broker started for this test run; only valid in tests (or their set-up) that use this extension. */
    public static EmbeddedKafka kafka() {
        EmbeddedKafka kafka = shared;
        if (kafka == null) {
            throw new IllegalStateException("no embedded Kafka: annotate the test class with @WithEmbeddedKafka");
        }
        return kafka;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    private static EmbeddedKafka shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedKafka.class, key -> SharedKafka.start(), SharedKafka.class)
                .kafka();
    }

    /** The root store closes {@link AutoCloseable} values when the whole test run is over. */
    private record SharedKafka(EmbeddedKafka kafka) implements AutoCloseable {

        static SharedKafka start() {
            EmbeddedKafka kafka = new EmbeddedKafka().start();
            shared = kafka;
            return new SharedKafka(kafka);
        }

        @Override
        public void close() {
            shared = null;
            kafka.close();
        }
    }
}
