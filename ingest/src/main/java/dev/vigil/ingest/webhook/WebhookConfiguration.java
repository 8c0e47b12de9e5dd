package dev.vigil.ingest.webhook;

import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.ingest.config.SourcesProperties;
import dev.vigil.ingest.auth.BearerTokens;
import dev.vigil.ingest.auth.ClientCertificates;
import dev.vigil.ingest.auth.IngestAuthInterceptor;
import dev.vigil.ingest.auth.IngestAuthenticator;
import dev.vigil.ingest.auth.LocalToken;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The audit webhook's beans: credentials, the auth interceptor on {@code /v1/audit/**}, the controller. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebhookConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookConfiguration.class);
    /** kube-apiserver's audit webhook request timeout. */
    private static final Duration API_SERVER_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    IngestAuthenticator ingestAuthenticator(IngestProperties properties) {
        List<BearerTokens.Entry> entries = new ArrayList<>();
        for (IngestProperties.Token token : properties.tokens()) {
            entries.add(new BearerTokens.Entry(token.displayName(), token.token(), token.allowedClusters()));
        }
        if (entries.isEmpty() && (properties.generateLocalToken()
                || (properties.token() != null && !properties.token().isBlank()))) {
            entries.add(LocalToken.resolve(properties.token(), System.out));
        }
        ClientCertificates certificates = new ClientCertificates(properties.clientCertificates());
        if (entries.isEmpty() && certificates.isEmpty()) {
            LOG.warn("No ingest tokens or client certificates are configured: the audit webhook rejects every request");
        }
        LOG.info("Audit webhook accepts {} token(s) and {} client certificate CN(s)", entries.size(),
                properties.clientCertificates().size());
        return new IngestAuthenticator(new BearerTokens(entries), certificates);
    }

    @Bean
    IngestAuthInterceptor ingestAuthInterceptor(IngestAuthenticator authenticator, MeterRegistry registry) {
        return new IngestAuthInterceptor(authenticator, registry);
    }

    @Bean
    WebMvcConfigurer ingestAuthWebMvcConfigurer(IngestAuthInterceptor interceptor, SourcesProperties sources) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                var guarded = registry.addInterceptor(interceptor).addPathPatterns("/v1/audit", "/v1/audit/**");
                if (sources.gke().enabled()) {
                    // The Pub/Sub push endpoint authenticates the cloud's own way (ingest.cloud.gke).
                    guarded.excludePathPatterns("/v1/audit/pubsub");
                }
            }
        };
    }

    /** Refused bodies are not drained (see {@link UnreadBodyValve}). */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> ingestUnreadBodyValve() {
        return factory -> factory.addEngineValves(new UnreadBodyValve());
    }

    @Bean
    AuditWebhookController auditWebhookController(AuditRecordWriter audit, DeadLetterWriter deadLetters,
                                                  IngestProperties properties, MeterRegistry registry) {
        Duration worstCase = properties.producer().maxBlock().plus(properties.ackTimeout());
        if (worstCase.compareTo(API_SERVER_TIMEOUT.minusSeconds(5)) > 0) {
            LOG.warn("vigil.ingest.producer.max-block + vigil.ingest.ack-timeout = {} s comes close to the API server's "
                    + "{} s webhook timeout: it may give up before Vigil answers 503", worstCase.toSeconds(),
                    API_SERVER_TIMEOUT.toSeconds());
        }
        WebhookMetrics metrics = new WebhookMetrics(registry);
        RequestLimits limits = new RequestLimits(properties.maxConcurrentRequestsPerCredential(),
                properties.maxConcurrentRequests());
        return new AuditWebhookController(
                new BatchIngestor(audit, deadLetters, properties.ackTimeout(), metrics,
                        (int) Math.min(properties.maxBodySize().toBytes(), Integer.MAX_VALUE - 64)),
                properties.maxBodySize().toBytes(), properties.bodyReadTimeout(), limits, properties.retryAfter(),
                metrics);
    }
}
