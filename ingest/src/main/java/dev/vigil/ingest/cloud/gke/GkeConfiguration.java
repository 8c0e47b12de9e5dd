package dev.vigil.ingest.cloud.gke;

import dev.vigil.ingest.auth.IngestAuthenticator;
import dev.vigil.ingest.cloud.delivery.CloudMetrics;
import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.ingest.config.SourcesProperties;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** GKE: the Pub/Sub push endpoint {@code POST /v1/audit/pubsub} and what guards it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "vigil.sources.gke.enabled", matchIfMissing = true)
public class GkeConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GkeConfiguration.class);

    /** The ingest token of a push without OIDC never reaches a log (see {@link QueryTokenValve}). */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> pubSubQueryTokenValve() {
        return factory -> factory.addEngineValves(new QueryTokenValve(PubSubPushController.PATH));
    }

    @Bean
    PubSubPushController pubSubPushController(SourcesProperties sources, IngestProperties ingest,
                                              ObjectProvider<IngestAuthenticator> authenticator,
                                              AuditRecordWriter audit, DeadLetterWriter deadLetters,
                                              CloudMetrics metrics) {
        SourcesProperties.Gke gke = sources.gke();
        GoogleOidcVerifier oidc = gke.oidc() ? new GoogleOidcVerifier(gke) : null;
        IngestAuthenticator tokens = gke.tokenParameter() ? authenticator.getIfAvailable() : null;
        LOG.info("Pub/Sub push endpoint {}: OIDC {}, ingest token parameter {}", PubSubPushController.PATH,
                oidc == null ? "off (no vigil.sources.gke.audience/subscribers)" : "for " + oidc.subscriberEmails(),
                tokens == null ? "off" : "on");
        return new PubSubPushController(oidc, tokens, new PubSubMessages(), audit, deadLetters, metrics, gke.cluster(),
                ingest.maxBodySize().toBytes(), ingest.bodyReadTimeout(), ingest.ackTimeout());
    }
}
