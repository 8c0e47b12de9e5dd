package dev.vigil.streams.kafka;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import dev.vigil.model.redact.SecretText;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last line of defence for stream threads: a record that cannot be deserialized, whose processing throws, or
 * whose output cannot be written (e.g. an evidence document over the broker's size limit) is written to
 * {@code vigil.dlq} as a {@link DeadLetter} (in the same transaction) and processing resumes, instead of the thread
 * dying and retrying the same record for ever. Retriable send errors are retried. Bad input data is branched
 * explicitly by the topology; this handler catches what slips through. Payloads over {@value #MAX_PAYLOAD_CHARS}
 * characters are truncated (the reason says so), so the dead letter itself always fits.
 */
public final class DeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    /** Streams config key naming the dead-letter topic (default {@value Topics#DLQ}). */
    public static final String DLQ_TOPIC_CONFIG = "vigil.dlq.topic";

    /** Longest payload kept in a dead letter; the default broker limit is 1 MiB per record. */
    public static final int MAX_PAYLOAD_CHARS = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String topic = Topics.DLQ;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(DLQ_TOPIC_CONFIG);
        if (configured != null) {
            topic = configured.toString();
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        return DeserializationExceptionHandler.Response.resume(
                List.of(deadLetter(context, record.value(), "cannot deserialize: " + exception.getMessage())));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, context.sourceRawValue(),
                "processing failed in " + context.processorNodeId() + ": " + exception)));
    }

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                           ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandler.Response.retry();
        }
        return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, context.sourceRawValue(),
                "cannot write to " + record.topic() + ": " + exception)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
                                                                        ProducerRecord record, Exception exception,
                                                                        SerializationExceptionOrigin origin) {
        return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, context.sourceRawValue(),
                "cannot serialize the " + origin.name().toLowerCase(Locale.ROOT) + " for "
                        + record.topic() + ": " + exception)));
    }

    ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] raw, String reason) {
        String source = context.topic() == null ? "streams:" + context.processorNodeId()
                : DeadLetters.source(context.topic(), context.partition(), context.offset());
        String payload = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        // An exception's message can quote the event (a parser's token, a value): secret shapes never reach the log.
        reason = SecretText.redact(reason);
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            reason = reason + " (payload truncated from " + payload.length() + " characters)";
            payload = payload.substring(0, MAX_PAYLOAD_CHARS);
        }
        // The payload may hold secrets: log where and why, never what.
        LOG.warn("Dead letter from {}: {}", source, reason);
        DeadLetter letter = new DeadLetter(source, reason, payload, Instant.now(), DeadLetters.clusterOf(raw));
        DeadLetters.count(Metrics.globalRegistry, letter);
        return new ProducerRecord<>(topic, source.getBytes(StandardCharsets.UTF_8), VigilJson.writeBytes(letter));
    }
}
