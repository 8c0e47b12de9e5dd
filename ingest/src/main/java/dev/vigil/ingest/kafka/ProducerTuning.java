package dev.vigil.ingest.kafka;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Locale;

/**
 * How long the ingest producer may wait for Kafka, and how it batches. The timeouts are short by default because
 * the API server gives up on a webhook call after 30 s: Vigil must answer 503 (and let the API server retry)
 * well before that, instead of holding the batch.
 *
 * @param compression     compression of record batches ({@code compression.type})
 * @param linger          how long the producer waits to fill a batch ({@code linger.ms})
 * @param requestTimeout  how long one produce request may take ({@code request.timeout.ms})
 * @param deliveryTimeout how long a record may take from send to acknowledgement, retries included
 *                        ({@code delivery.timeout.ms}); at least linger + request timeout
 * @param maxBlock        how long a send may block for metadata or buffer space ({@code max.block.ms})
 * @param batchSize       largest record batch per partition ({@code batch.size}); a webhook call carries hundreds of
 *                        events of 0.5–20 KB, which the client's 16 KB default cut into dozens of produce requests
 * @param maxRecordSize   largest record ingest sends ({@code max.request.size}); an audit event over it is sent
 *                        without its request and response objects (marked {@code droppedObjects}, the original
 *                        dead-lettered in parts), a dead letter over it is split into parts; keep it at or below
 *                        the topics' {@code max.message.bytes} (Kafka's default for both: 1 MB)
 */
public record ProducerTuning(@DefaultValue("zstd") Compression compression, @DefaultValue("5ms") Duration linger,
                             @DefaultValue("3s") Duration requestTimeout, @DefaultValue("8s") Duration deliveryTimeout,
                             @DefaultValue("3s") Duration maxBlock, @DefaultValue("256KB") DataSize batchSize,
                             @DefaultValue("1MB") DataSize maxRecordSize) {

    /** Kafka's default {@code max.request.size} and (nearly) topic {@code max.message.bytes}. */
    static final DataSize DEFAULT_MAX_RECORD_SIZE = DataSize.ofMegabytes(1);

    /** The least {@code maxRecordSize}: room for an event's envelope, or a dead letter's reason and some payload. */
    static final DataSize MIN_MAX_RECORD_SIZE = DataSize.ofKilobytes(16);

    /** Record batch compression; the names are Kafka's {@code compression.type} values. */
    public enum Compression {
        NONE, GZIP, SNAPPY, LZ4, ZSTD;

        String kafkaName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ProducerTuning {
        compression = compression == null ? Compression.ZSTD : compression;
        linger = linger == null ? Duration.ofMillis(5) : linger;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(3) : requestTimeout;
        deliveryTimeout = deliveryTimeout == null ? Duration.ofSeconds(8) : deliveryTimeout;
        maxBlock = maxBlock == null ? Duration.ofSeconds(3) : maxBlock;
        batchSize = batchSize == null ? DataSize.ofKilobytes(256) : batchSize;
        maxRecordSize = maxRecordSize == null ? DEFAULT_MAX_RECORD_SIZE : maxRecordSize;
        if (maxRecordSize.compareTo(MIN_MAX_RECORD_SIZE) < 0 || maxRecordSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxRecordSize must be between 16KB and 2 GB: " + maxRecordSize);
        }
        if (batchSize.toBytes() < 1 || batchSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batchSize must be between 1 byte and 2 GB: " + batchSize);
        }
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(deliveryTimeout, "deliveryTimeout");
        if (linger.isNegative() || maxBlock.isNegative()) {
            throw new IllegalArgumentException("linger and maxBlock must not be negative");
        }
        if (deliveryTimeout.compareTo(linger.plus(requestTimeout)) < 0) {
            throw new IllegalArgumentException("deliveryTimeout (" + deliveryTimeout
                    + ") must be at least linger + requestTimeout (" + linger.plus(requestTimeout) + ")");
        }
    }

    /** The webhook's defaults: zstd, 5 ms linger, 3 s request, 8 s delivery, 3 s max block, 256 KB batches, 1 MB records. */
    public static ProducerTuning defaults() {
        return new ProducerTuning(null, null, null, null, null, null, null);
    }

    public ProducerTuning withDeliveryTimeout(Duration timeout) {
        return new ProducerTuning(compression, linger, requestTimeout, timeout, maxBlock, batchSize, maxRecordSize);
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
