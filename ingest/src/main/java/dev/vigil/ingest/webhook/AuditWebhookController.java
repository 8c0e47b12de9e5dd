package dev.vigil.ingest.webhook;

import dev.vigil.ingest.auth.IngestAuthInterceptor;
import dev.vigil.ingest.auth.IngestPrincipal;
import dev.vigil.ingest.http.BodyReadTimeoutException;
import dev.vigil.ingest.http.BodyTooLargeException;
import dev.vigil.ingest.http.LimitedBody;
import dev.vigil.ingest.kafka.KafkaUnavailableException;
import dev.vigil.model.json.VigilJson;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit webhook: {@code POST /v1/audit} and {@code POST /v1/audit/{cluster}} take what kube-apiserver's webhook
 * backend sends (an {@code EventList}), a single {@code Event} or JSON lines, and answer
 * {@code 200 {"accepted": n, "rejected": m}} only after Kafka acknowledged every record. Credentials were checked by
 * {@link IngestAuthInterceptor} before the body is touched. A request beyond the credential's (or the webhook's)
 * limit of requests in progress is refused before its body is read, and a body that does not arrive within the
 * read deadline is answered 408: either way nothing of it is acknowledged, so the API server sends it again.
 */
@RestController
class AuditWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWebhookController.class);

    private final BatchIngestor ingestor;
    private final long maxBodySize;
    private final Duration bodyReadTimeout;
    private final RequestLimits limits;
    private final Duration retryAfter;
    private final WebhookMetrics metrics;

    AuditWebhookController(BatchIngestor ingestor, long maxBodySize, Duration bodyReadTimeout, RequestLimits limits,
                           Duration retryAfter, WebhookMetrics metrics) {
        this.ingestor = ingestor;
        this.maxBodySize = maxBodySize;
        this.bodyReadTimeout = bodyReadTimeout;
        this.limits = limits;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
    }

    @PostMapping({"/v1/audit", "/v1/audit/{cluster}"})
    ResponseEntity<BatchResult> receive(HttpServletRequest request) throws IOException, NotJsonException,
            KafkaUnavailableException, InterruptedException, RequestRefusedException {
        String cluster = (String) request.getAttribute(IngestAuthInterceptor.CLUSTER_ATTRIBUTE);
        IngestPrincipal principal = (IngestPrincipal) request.getAttribute(IngestAuthInterceptor.PRINCIPAL_ATTRIBUTE);
        if (cluster == null || principal == null) {
            throw new IllegalStateException("the ingest auth interceptor did not run for " + request.getRequestURI());
        }
        long started = System.nanoTime();
        int status = HttpStatus.OK.value();
        try (RequestLimits.Permit permit = limits.admit(principal.name())) {
            if (request.getContentLengthLong() > maxBodySize) {
                throw new BodyTooLargeException(maxBodySize);
            }
            LimitedBody body = new LimitedBody(request.getInputStream(), maxBodySize, bodyReadTimeout, System::nanoTime);
            BatchResult result = ingestor.ingest(body, cluster);
            // Whatever the reader made of a body that broke off, the answer must not acknowledge it.
            body.throwIfFailed();
            return ResponseEntity.ok(result);
        } catch (RequestRefusedException e) {
            status = statusOf(e).value();
            metrics.refused(cluster, e.refusal().tag());
            // Debug only: refusals cost the sender nothing, so a warning each would let it flood the log.
            LOG.debug("Refused a webhook request of '{}' for cluster {} with {}: {}", principal.name(), cluster,
                    status, e.getMessage());
            throw e;
        } catch (BodyReadTimeoutException e) {
            status = HttpStatus.REQUEST_TIMEOUT.value();
            metrics.refused(cluster, "body-read-timeout");
            LOG.warn("Answering 408 to '{}' for cluster {} from {}: {}", principal.name(), cluster,
                    request.getRemoteAddr(), e.getMessage());
            throw e;
        } catch (BodyTooLargeException e) {
            status = HttpStatus.CONTENT_TOO_LARGE.value();
            throw e;
        } catch (NotJsonException e) {
            status = HttpStatus.BAD_REQUEST.value();
            throw e;
        } catch (KafkaUnavailableException e) {
            status = HttpStatus.SERVICE_UNAVAILABLE.value();
            LOG.warn("Answering 503 to a batch for cluster {}: {}", cluster, e.getMessage());
            throw e;
        } finally {
            metrics.request(cluster, status, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @ExceptionHandler
    ResponseEntity<byte[]> tooLarge(BodyTooLargeException e, HttpServletRequest request) {
        return unread(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> readTimeout(BodyReadTimeoutException e, HttpServletRequest request) {
        return unread(HttpStatus.REQUEST_TIMEOUT, "body-read-timeout", e.getMessage(), request);
    }

    /** Refused before the body was read: close the connection too, and say when to come back. */
    @ExceptionHandler
    ResponseEntity<byte[]> refused(RequestRefusedException e, HttpServletRequest request) {
        HttpStatus status = statusOf(e);
        byte[] body = problem(status, e.refusal().tag(), e.getMessage(), request);
        request.setAttribute(IngestAuthInterceptor.UNREAD_BODY_ATTRIBUTE, Boolean.TRUE);
        return ResponseEntity.status(status)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds())
                .header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .contentLength(body.length)
                .body(body);
    }

    private static HttpStatus statusOf(RequestRefusedException e) {
        return e.refusal() == RequestLimits.Refusal.CREDENTIAL_BUSY
                ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
    }

    private String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    @ExceptionHandler
    ResponseEntity<byte[]> notJson(NotJsonException e, HttpServletRequest request) {
        return unread(HttpStatus.BAD_REQUEST, "not-json", e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> kafkaUnavailable(KafkaUnavailableException e, HttpServletRequest request) {
        byte[] body = problem(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable",
                "Kafka did not acknowledge the batch in time; retry later. " + e.getMessage(), request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .contentLength(body.length)
                .body(body);
    }

    /**
     * The rest of the body was not read: close the connection rather than drain it. The answer carries its length,
     * so that a client still sending can read it completely before the connection goes away.
     */
    private static ResponseEntity<byte[]> unread(HttpStatus status, String reason, String detail,
                                                 HttpServletRequest request) {
        byte[] body = problem(status, reason, detail, request);
        request.setAttribute(IngestAuthInterceptor.UNREAD_BODY_ATTRIBUTE, Boolean.TRUE);
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .contentLength(body.length)
                .body(body);
    }

    /** An RFC 9457 problem document, with {@code reason} as a stable word for scripts and alerts. */
    private static byte[] problem(HttpStatus status, String reason, String detail, HttpServletRequest request) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("reason", reason);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        return VigilJson.writeBytes(problem);
    }
}
