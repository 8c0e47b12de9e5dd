package dev.vigil.console.triage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Triage of alerts: the {@code vigil-triage} index, its join into every alert read, and the triage API. */
@Configuration(proxyBeanMethods = false)
public class TriageConfiguration {

    @Bean
    TriageStore vigilTriageStore(OpenSearchClient client) {
        return new TriageStore(client);
    }

    @Bean
    TriageJoin vigilTriageJoin(TriageStore store) {
        return new TriageJoin(store);
    }

    @Bean
    TriageService vigilTriageService(OpenSearchClient client, TriageStore store, ApplicationEventPublisher events,
                                     ObjectProvider<MeterRegistry> meters) {
        return new TriageService(client, store, events, meters.getIfAvailable(SimpleMeterRegistry::new),
                Clock.systemUTC());
    }

    @Bean
    TriageController vigilTriageController(TriageService service) {
        return new TriageController(service);
    }
}
