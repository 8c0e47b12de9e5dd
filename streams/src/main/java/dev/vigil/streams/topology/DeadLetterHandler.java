package dev.vigil.streams.topology;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The last line of defence for stream threads: a record that cannot be deserialized or whose processing throws is
 * written to {@code vigil.dlq} as a {@link DeadLetter} (in the same transaction) and processing resumes, instead of
 * the thread dying. Bad input data is branched explicitly by the topology; this handler catches what slips through.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** Streams config key naming the dead-letter topic (default {@value Topics#DLQ}). */
    public static final String DLQ_TOPIC_CONFIG = "vigil.dlq.topic";

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

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] raw, String reason) {
        String source = context.topic() == null ? "streams:" + context.processorNodeId()
                : DeadLetters.source(context.topic(), context.partition(), context.offset());
        // The payload may hold secrets: log where and why, never what.
        LOG.warn("Dead letter from {}: {}", source, reason);
        DeadLetter letter = new DeadLetter(source, reason, raw == null ? "" : new String(raw, StandardCharsets.UTF_8),
                Instant.now(), DeadLetters.clusterOf(raw));
        return new ProducerRecord<>(topic, source.getBytes(StandardCharsets.UTF_8), VigilJson.writeBytes(letter));
    }
}
