package dev.vigil.ingest.webhook;

import dev.vigil.ingest.auth.IngestAuthInterceptor;
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
 * {@link IngestAuthInterceptor} before the body is touched.
 */
@RestController
class AuditWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWebhookController.class);

    private final BatchIngestor ingestor;
    private final long maxBodySize;
    private final Duration retryAfter;
    private final WebhookMetrics metrics;

    AuditWebhookController(BatchIngestor ingestor, long maxBodySize, Duration retryAfter, WebhookMetrics metrics) {
        this.ingestor = ingestor;
        this.maxBodySize = maxBodySize;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
    }

    @PostMapping({"/v1/audit", "/v1/audit/{cluster}"})
    ResponseEntity<BatchResult> receive(HttpServletRequest request)
            throws IOException, NotJsonException, KafkaUnavailableException, InterruptedException {
        String cluster = (String) request.getAttribute(IngestAuthInterceptor.CLUSTER_ATTRIBUTE);
        if (cluster == null) {
            throw new IllegalStateException("the ingest auth interceptor did not run for " + request.getRequestURI());
        }
        long started = System.nanoTime();
        int status = HttpStatus.OK.value();
        try {
            if (request.getContentLengthLong() > maxBodySize) {
                throw new BodyTooLargeException(maxBodySize);
            }
            return ResponseEntity.ok(ingestor.ingest(new LimitedBody(request.getInputStream(), maxBodySize), cluster));
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
        return unread(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> notJson(NotJsonException e, HttpServletRequest request) {
        return unread(HttpStatus.BAD_REQUEST, e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> kafkaUnavailable(KafkaUnavailableException e, HttpServletRequest request) {
        byte[] body = problem(HttpStatus.SERVICE_UNAVAILABLE,
                "Kafka did not acknowledge the batch in time; retry later. " + e.getMessage(), request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .contentLength(body.length)
                .body(body);
    }

    /**
     * The rest of the body was not read: close the connection rather than drain it. The answer carries its length,
     * so that a client still sending can read it completely before the connection goes away.
     */
    private static ResponseEntity<byte[]> unread(HttpStatus status, String detail, HttpServletRequest request) {
        byte[] body = problem(status, detail, request);
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .contentLength(body.length)
                .body(body);
    }

    /** An RFC 9457 problem document. */
    private static byte[] problem(HttpStatus status, String detail, HttpServletRequest request) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        return VigilJson.writeBytes(problem);
    }
}
