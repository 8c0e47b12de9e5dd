package dev.vigil.ingest.webhook;

import dev.vigil.ingest.config.FirehoseProperties;
import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.ingest.config.SourcesProperties;
import dev.vigil.ingest.auth.BearerTokens;
import dev.vigil.ingest.auth.ClientCertificates;
import dev.vigil.ingest.auth.IngestAuthInterceptor;
import dev.vigil.ingest.auth.IngestAuthenticator;
import dev.vigil.ingest.auth.LocalToken;
import dev.vigil.ingest.cloud.eks.CloudWatchFormat;
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

/**
 * The HTTP intakes' beans: credentials, the auth interceptor on {@code /v1/audit/**}, the audit webhook's controller
 * and the Amazon Data Firehose endpoint's.
 */
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
                // The Firehose endpoint takes its credential from its own header and answers in Firehose's format.
                var guarded = registry.addInterceptor(interceptor).addPathPatterns("/v1/audit", "/v1/audit/**")
                        .excludePathPatterns(FirehoseController.PATH);
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

    /** Shared by every HTTP intake: a credential's requests in progress count together, whichever endpoint. */
    @Bean
    RequestLimits ingestRequestLimits(IngestProperties properties) {
        return new RequestLimits(properties.maxConcurrentRequestsPerCredential(), properties.maxConcurrentRequests());
    }

    @Bean
    FirehoseController firehoseController(IngestAuthenticator authenticator, AuditRecordWriter audit,
                                          DeadLetterWriter deadLetters, IngestProperties properties,
                                          FirehoseProperties firehose, RequestLimits limits, MeterRegistry registry) {
        WebhookMetrics metrics = new WebhookMetrics(registry, "firehose");
        int maxRecordBytes = maxItemChars(properties);
        FirehoseIngestor ingestor = new FirehoseIngestor(audit, deadLetters, new CloudWatchFormat(firehose.logGroups()),
                properties.ackTimeout(), metrics, maxRecordBytes);
        return new FirehoseController(authenticator, ingestor, properties.maxBodySize().toBytes(),
                properties.bodyReadTimeout(), limits, metrics, registry);
    }

    private static int maxItemChars(IngestProperties properties) {
        return (int) Math.min(properties.maxBodySize().toBytes(), Integer.MAX_VALUE - 64);
    }

    @Bean
    AuditWebhookController auditWebhookController(AuditRecordWriter audit, DeadLetterWriter deadLetters,
                                                  IngestProperties properties, RequestLimits limits,
                                                  MeterRegistry registry) {
        Duration worstCase = properties.producer().maxBlock().plus(properties.ackTimeout());
        if (worstCase.compareTo(API_SERVER_TIMEOUT.minusSeconds(5)) > 0) {
            LOG.warn("vigil.ingest.producer.max-block + vigil.ingest.ack-timeout = {} s comes close to the API server's "
                    + "{} s webhook timeout: it may give up before Vigil answers 503", worstCase.toSeconds(),
                    API_SERVER_TIMEOUT.toSeconds());
        }
        WebhookMetrics metrics = new WebhookMetrics(registry, WebhookMetrics.WEBHOOK);
        return new AuditWebhookController(
                new BatchIngestor(audit, deadLetters, properties.ackTimeout(), metrics,
                        maxItemChars(properties)),
                properties.maxBodySize().toBytes(), properties.bodyReadTimeout(), limits, properties.retryAfter(),
                metrics);
    }
}
