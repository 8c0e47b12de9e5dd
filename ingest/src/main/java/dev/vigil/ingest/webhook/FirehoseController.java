package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.ingest.audit.EventBatch;
import dev.vigil.ingest.auth.IngestAuthInterceptor;
import dev.vigil.ingest.auth.IngestAuthenticator;
import dev.vigil.ingest.auth.IngestPrincipal;
import dev.vigil.ingest.http.BodyReadTimeoutException;
import dev.vigil.ingest.http.BodyTooLargeException;
import dev.vigil.ingest.http.LimitedBody;
import dev.vigil.ingest.kafka.KafkaUnavailableException;
import dev.vigil.model.json.VigilJson;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * {@code POST /v1/audit/firehose}: Amazon Data Firehose's HTTP endpoint delivery, exactly as AWS specifies it. The
 * {@code X-Amz-Firehose-Access-Key} is an ingest token, checked before the body is read; the body (gzip when the
 * stream is configured so, {@code Content-Encoding: gzip}) is {@code {"requestId", "timestamp", "records"}}. Every
 * answer is Firehose's JSON {@code {"requestId", "timestamp"}}, with {@code errorMessage} when it is not 200:
 * Firehose counts only 200 as delivered and retries every other status, except 413, which it drops for good — so a
 * body over the size limit is answered 500 instead, and Firehose retries it until its retry duration ends and then
 * keeps it in its S3 backup bucket, to be replayed once the limit is fixed.
 */
@RestController
class FirehoseController {

    static final String PATH = "/v1/audit/firehose";
    static final String REQUEST_ID = "X-Amz-Firehose-Request-Id";
    static final String ACCESS_KEY = "X-Amz-Firehose-Access-Key";
    /** Firehose keeps an error message up to this length. */
    private static final int MAX_ERROR_MESSAGE = 8192;
    private static final Logger LOG = LoggerFactory.getLogger(FirehoseController.class);

    /** Firehose's answer; {@code errorMessage} only on failure. */
    record Answer(String requestId, long timestamp, @JsonInclude(JsonInclude.Include.NON_NULL) String errorMessage) {
    }

    private final IngestAuthenticator authenticator;
    private final FirehoseIngestor ingestor;
    private final long maxBodySize;
    private final Duration bodyReadTimeout;
    private final RequestLimits limits;
    private final WebhookMetrics metrics;
    private final MeterRegistry registry;

    FirehoseController(IngestAuthenticator authenticator, FirehoseIngestor ingestor, long maxBodySize,
                       Duration bodyReadTimeout, RequestLimits limits, WebhookMetrics metrics, MeterRegistry registry) {
        this.authenticator = authenticator;
        this.ingestor = ingestor;
        this.maxBodySize = maxBodySize;
        this.bodyReadTimeout = bodyReadTimeout;
        this.limits = limits;
        this.metrics = metrics;
        this.registry = registry;
    }

    @PostMapping(PATH)
    ResponseEntity<byte[]> receive(HttpServletRequest request) throws IOException, InterruptedException {
        String requestId = Optional.ofNullable(request.getHeader(REQUEST_ID)).orElse("");
        Optional<IngestPrincipal> principal = authenticator.authenticateToken(request.getHeader(ACCESS_KEY));
        if (principal.isEmpty()) {
            registry.counter("vigil.ingest.auth.denied", "reason", "unauthenticated").increment();
            LOG.warn("Rejected a Firehose delivery {} without a valid access key from {}", loggable(requestId),
                    request.getRemoteAddr());
            return unread(HttpStatus.UNAUTHORIZED, requestId, "a valid access key (an ingest token) is required",
                    request);
        }
        String cluster = principal.get().defaultCluster();
        long started = System.nanoTime();
        HttpStatus status = HttpStatus.OK;
        try (RequestLimits.Permit permit = limits.admit(principal.get().name())) {
            if (request.getContentLengthLong() > maxBodySize) {
                throw new BodyTooLargeException(maxBodySize);
            }
            LimitedBody body = new LimitedBody(request.getInputStream(), maxBodySize, bodyReadTimeout, System::nanoTime);
            FirehoseDelivery delivery = read(body, "gzip".equalsIgnoreCase(request.getHeader(HttpHeaders.CONTENT_ENCODING)));
            String id = requestId.isEmpty() && delivery.requestId() != null ? delivery.requestId() : requestId;
            EventBatch.Tally tally = ingestor.ingest(delivery, principal.get(), sourceId(id));
            LOG.debug("Firehose delivery {} of '{}': {} records, {} events accepted, {} rejected", loggable(id),
                    principal.get().name(), delivery.records().size(), tally.accepted(), tally.rejected());
            return answer(status, id, null);
        } catch (RequestRefusedException e) {
            status = e.refusal() == RequestLimits.Refusal.CREDENTIAL_BUSY
                    ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
            metrics.refused(cluster, e.refusal().tag());
            return unread(status, requestId, e.getMessage(), request);
        } catch (ClusterNotAllowedException e) {
            status = HttpStatus.FORBIDDEN;
            registry.counter("vigil.ingest.auth.denied", "reason", "forbidden").increment();
            LOG.warn("Refused Firehose delivery {}: access key '{}' may not deliver for cluster '{}'",
                    loggable(requestId), principal.get().name(), loggable(e.cluster()));
            return answer(status, requestId, e.getMessage());
        } catch (BodyReadTimeoutException e) {
            status = HttpStatus.REQUEST_TIMEOUT;
            metrics.refused(cluster, "body-read-timeout");
            return unread(status, requestId, e.getMessage(), request);
        } catch (BodyTooLargeException e) {
            // Not 413: Firehose drops a 413 delivery for good, even from its S3 backup.
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            metrics.refused(cluster, "body-too-large");
            LOG.warn("Firehose delivery {} of '{}' is larger than vigil.ingest.max-body-size ({} bytes): lower the "
                    + "stream's buffer size", loggable(requestId), principal.get().name(), maxBodySize);
            return unread(status, requestId, e.getMessage() + "; lower the Firehose stream's buffer size or raise "
                    + "vigil.ingest.max-body-size", request);
        } catch (NotJsonException e) {
            status = HttpStatus.BAD_REQUEST;
            return unread(status, requestId, e.getMessage(), request);
        } catch (KafkaUnavailableException e) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            LOG.warn("Answering 503 to Firehose delivery {}: {}", loggable(requestId), e.getMessage());
            return answer(status, requestId, "Kafka did not acknowledge the records in time; retry later. "
                    + e.getMessage());
        } finally {
            metrics.request(cluster, status.value(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private FirehoseDelivery read(LimitedBody body, boolean gzip) throws IOException, NotJsonException {
        InputStream in;
        try {
            // The size limit holds for the inflated body too: Firehose's own limit is before compression.
            in = gzip ? new LimitedBody(new GZIPInputStream(body, 8192), maxBodySize) : body;
        } catch (ZipException e) {
            throw new NotJsonException("the gzip-encoded body is broken: " + e.getMessage());
        }
        try {
            return FirehoseDelivery.read(in);
        } catch (NotJsonException | IOException e) {
            body.throwIfFailed(); // the raw body's limit or deadline comes first
            throw e;
        }
    }

    private static ResponseEntity<byte[]> answer(HttpStatus status, String requestId, String errorMessage) {
        String message = errorMessage == null || errorMessage.length() <= MAX_ERROR_MESSAGE ? errorMessage
                : errorMessage.substring(0, MAX_ERROR_MESSAGE);
        byte[] body = VigilJson.writeBytes(new Answer(requestId, System.currentTimeMillis(), message));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).contentLength(body.length)
                .body(body);
    }

    /** Answered without reading the body (or the rest of it): close the connection rather than drain it. */
    private static ResponseEntity<byte[]> unread(HttpStatus status, String requestId, String errorMessage,
                                                 HttpServletRequest request) {
        request.setAttribute(IngestAuthInterceptor.UNREAD_BODY_ATTRIBUTE, Boolean.TRUE);
        ResponseEntity<byte[]> answer = answer(status, requestId, errorMessage);
        return ResponseEntity.status(status).headers(answer.getHeaders()).header(HttpHeaders.CONNECTION, "close")
                .body(answer.getBody());
    }

    /** The request id as part of a dead letter's source: Firehose sends a GUID; anything else is cut down to one. */
    private static String sourceId(String requestId) {
        String id = requestId.replaceAll("[^A-Za-z0-9-]", "");
        return id.isEmpty() ? "no-request-id" : id.substring(0, Math.min(id.length(), 64));
    }

    /** Sender-controlled text for a log line: printable, short. */
    private static String loggable(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "…";
    }
}
