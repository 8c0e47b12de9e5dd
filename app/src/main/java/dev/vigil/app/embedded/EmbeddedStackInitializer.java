package dev.vigil.app.embedded;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;

/**
 * The local default of {@code vigil run}: before the context refreshes (so before any role starts), starts the
 * embedded Kafka and OpenSearch that the configuration lacks and points {@code vigil.kafka.bootstrap-servers} /
 * {@code vigil.opensearch.url} at them (see {@link EmbeddedStack#properties()}). Credentials that are not configured
 * are generated here, not in the roles, and kept with the embedded data ({@link GeneratedCredentials}). Runs after
 * logging is configured, unlike an environment post-processor.
 */
public final class EmbeddedStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String PROPERTY_SOURCE = "vigilEmbedded";
    static final String CREDENTIALS_SOURCE = "vigilGeneratedCredentials";
    private static final Logger LOG = LogManager.getLogger(EmbeddedStackInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedPlan plan = EmbeddedPlan.of(context.getEnvironment());
        // Kept with the embedded servers' data, which a restart finds again; without them, for this process only.
        Path dataDir = plan.isEmpty() ? null : Binder.get(context.getEnvironment())
                .bindOrCreate("vigil.embedded", VigilEmbeddedProperties.class).dataDir().toAbsolutePath().normalize();
        GeneratedCredentials.resolve(context.getEnvironment(), dataDir).ifPresent(credentials -> {
            context.getEnvironment().getPropertySources()
                    .addLast(new MapPropertySource(CREDENTIALS_SOURCE, credentials.properties()));
            context.getBeanFactory().registerSingleton(GeneratedCredentials.BEAN_NAME, credentials);
        });
        if (plan.isEmpty()) {
            LOG.info("Kafka and OpenSearch are configured: starting no embedded server");
            return;
        }
        EmbeddedStack stack = EmbeddedStack.start(plan);
        // Lowest precedence: these are defaults of the local default, and anything configured wins.
        context.getEnvironment().getPropertySources()
                .addLast(new MapPropertySource(PROPERTY_SOURCE, stack.properties()));
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton(EmbeddedStack.BEAN_NAME, stack);
        // Disposable beans are destroyed in reverse registration order: registered first, the stack stops last.
        beans.registerDisposableBean(EmbeddedStack.BEAN_NAME, stack::close);
    }
}
