package dev.vigil.ingest.cloud.gke;

import dev.vigil.ingest.audit.AuditItemCheck;
import dev.vigil.ingest.audit.EventBatch;
import dev.vigil.ingest.auth.IngestAuthInterceptor;
import dev.vigil.ingest.auth.IngestAuthenticator;
import dev.vigil.ingest.auth.IngestPrincipal;
import dev.vigil.ingest.cloud.delivery.CloudMetrics;
import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.ingest.http.BodyReadTimeoutException;
import dev.vigil.ingest.http.BodyTooLargeException;
import dev.vigil.ingest.http.LimitedBody;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.KafkaUnavailableException;
import dev.vigil.model.json.VigilJson;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/audit/pubsub}: a Pub/Sub push subscription's delivery of one message of a Cloud Logging sink,
 * {@code {"message": {"data": base64(LogEntry), "attributes", "messageId", "publishTime"}, "subscription"}} (or the
 * LogEntry itself when the subscription unwraps payloads). Credentials are checked before the body is read: the
 * subscription's Google-signed OIDC token, or an ingest token in the {@code token} query parameter. The answer is
 * 200 only after Kafka acknowledged (Pub/Sub then acks the message), 503 when Kafka did not (Pub/Sub redelivers),
 * 401/403 for refused credentials or a cluster they may not deliver, 413 for a body over
 * {@code vigil.ingest.max-body-size} and 408 for one that does not arrive within {@code vigil.ingest.body-read-timeout}
 * (the webhook's limits); a message that is not a Kubernetes audit entry
 * is dead-lettered and answered 200, so that Pub/Sub does not redeliver it forever.
 */
@RestController
class PubSubPushController {

    static final String PATH = "/v1/audit/pubsub";
    private static final String SOURCE = "gke";
    private static final Logger LOG = LoggerFactory.getLogger(PubSubPushController.class);

    private final GoogleOidcVerifier oidc;
    private final IngestAuthenticator tokens;
    private final PubSubMessages messages;
    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final CloudMetrics metrics;
    private final String clusterOverride;
    private final long maxBodySize;
    private final Duration bodyReadTimeout;
    private final Duration ackTimeout;

    PubSubPushController(GoogleOidcVerifier oidc, IngestAuthenticator tokens, PubSubMessages messages,
                         AuditRecordWriter audit, DeadLetterWriter deadLetters, CloudMetrics metrics,
                         String clusterOverride, long maxBodySize, Duration bodyReadTimeout, Duration ackTimeout) {
        this.oidc = oidc;
        this.tokens = tokens;
        this.messages = messages;
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clusterOverride = clusterOverride;
        this.maxBodySize = maxBodySize;
        this.bodyReadTimeout = bodyReadTimeout;
        this.ackTimeout = ackTimeout;
    }

    @PostMapping(PATH)
    ResponseEntity<byte[]> receive(HttpServletRequest request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Instant receivedAt = Instant.now();
        String outcome = "refused";
        try {
            IngestPrincipal principal;
            try {
                principal = authenticate(request);
            } catch (GoogleOidcVerifier.Rejected e) {
                metrics.refused(SOURCE, "unauthenticated");
                LOG.warn("Refused a Pub/Sub push from {}: {}", request.getRemoteAddr(), e.getMessage());
                return refuse(request, HttpStatus.UNAUTHORIZED, "unauthenticated", "a valid OIDC token of a "
                        + "configured push subscription, or an ingest token, is required");
            }
            byte[] body;
            try {
                if (request.getContentLengthLong() > maxBodySize) {
                    throw new BodyTooLargeException(maxBodySize);
                }
                // The webhook's limits: a body is never read past the size limit, nor waited for past the deadline.
                body = new LimitedBody(request.getInputStream(), maxBodySize, bodyReadTimeout, System::nanoTime)
                        .readAllBytes();
            } catch (BodyTooLargeException e) {
                metrics.refused(SOURCE, "body-too-large");
                return refuse(request, HttpStatus.CONTENT_TOO_LARGE, "body-too-large", e.getMessage());
            } catch (BodyReadTimeoutException e) {
                // Pub/Sub redelivers the message; a sender trickling it cannot hold a request thread.
                metrics.refused(SOURCE, "body-read-timeout");
                LOG.warn("Answering 408 to a Pub/Sub push of '{}' from {}: {}", principal.name(),
                        request.getRemoteAddr(), e.getMessage());
                return refuse(request, HttpStatus.REQUEST_TIMEOUT, "body-read-timeout", e.getMessage());
            }
            PubSubMessages.Message message = messages.read(body);
            CloudRecord record = message.record();
            String cluster = clusterOverride != null ? clusterOverride
                    : record.cluster() != null ? record.cluster() : principal.defaultCluster();
            if (!principal.mayPostAs(cluster)) {
                metrics.refused(SOURCE, "cluster-not-allowed");
                LOG.warn("Pub/Sub push credentials '{}' may not deliver cluster {} (from {})", principal.name(),
                        cluster, request.getRemoteAddr());
                return refuse(request, HttpStatus.FORBIDDEN, "forbidden",
                        "these credentials may not deliver audit events of this cluster");
            }
            // Cloud Audit Log entries carry no auditID of their own: the mapping's, else the parser's derived one.
            EventBatch batch = new EventBatch(audit, deadLetters, AuditItemCheck.IdPolicy.DERIVE, receivedAt);
            batch.add(record, cluster, "ingest:" + SOURCE + ":" + cluster + ":message-" + message.id());
            metrics.received(SOURCE, batch);
            try {
                batch.awaitAll(ackTimeout);
            } catch (KafkaUnavailableException e) {
                outcome = "kafka-unavailable";
                LOG.warn("Answering 503 to a Pub/Sub push for cluster {}: {}", cluster, e.getMessage());
                return problem(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable",
                        "Kafka did not acknowledge the message in time; Pub/Sub will deliver it again", request);
            }
            metrics.outcomes(SOURCE, batch);
            EventBatch.Tally result = batch.total();
            outcome = result.rejected() > 0 ? "dead-lettered" : "accepted";
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", result.accepted());
            answer.put("rejected", result.rejected());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(VigilJson.writeBytes(answer));
        } finally {
            metrics.delivery(SOURCE, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** OIDC when a bearer token is sent, else the {@code token} query parameter, else nothing. */
    private IngestPrincipal authenticate(HttpServletRequest request) throws GoogleOidcVerifier.Rejected {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (oidc == null) {
                throw new GoogleOidcVerifier.Rejected("a bearer token was sent but OIDC is not configured "
                        + "(vigil.sources.gke.audience and subscribers)");
            }
            return oidc.verify(authorization.substring(7).trim());
        }
        Object token = request.getAttribute(QueryTokenValve.TOKEN_ATTRIBUTE);
        if (token instanceof String value && tokens != null) {
            return tokens.authenticate("Bearer " + value, null)
                    .orElseThrow(() -> new GoogleOidcVerifier.Rejected("the token parameter is not an ingest token"));
        }
        throw new GoogleOidcVerifier.Rejected("no credentials");
    }

    /** Refused before the body was read: the connection closes instead of draining it. */
    private static ResponseEntity<byte[]> refuse(HttpServletRequest request, HttpStatus status, String reason,
                                                 String detail) {
        request.setAttribute(IngestAuthInterceptor.UNREAD_BODY_ATTRIBUTE, Boolean.TRUE);
        ResponseEntity<byte[]> answer = problem(status, reason, detail, request);
        return ResponseEntity.status(status).headers(answer.getHeaders())
                .header(HttpHeaders.CONNECTION, "close")
                .headers(h -> {
                    if (status == HttpStatus.UNAUTHORIZED) {
                        h.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vigil-ingest\"");
                    }
                })
                .body(answer.getBody());
    }

    /** An RFC 9457 problem document; {@code instance} is the path only, never the query string. */
    private static ResponseEntity<byte[]> problem(HttpStatus status, String reason, String detail,
                                                  HttpServletRequest request) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("reason", reason);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        byte[] body = VigilJson.writeBytes(problem);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .contentLength(body.length).body(body);
    }
}
