package dev.vigil.ingest.kafka;

/** Kafka did not acknowledge every record in time; the caller must not report them as accepted. */
public final class KafkaUnavailableException extends Exception {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
