package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.JsonDocuments;
import dev.vigil.model.kafka.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;


/**
 * The {@code alert-candidates} repartition's serde: the bytes {@code JsonSerde.of(AlertCandidate.class)} wrote,
 * written by {@link AlertJson} through {@link JsonDocuments} (one generator per stream thread); read by the {@code JsonSerde} as before.
 * Alerts alone (the dedup store, {@code vigil.alerts}) are written the same way.
 */
final class AlertCandidateSerde implements Serde<AlertCandidate> {

    private static final JsonSerde<AlertCandidate> JSON = JsonSerde.of(AlertCandidate.class);

    @Override
    public Serializer<AlertCandidate> serializer() {
        return (topic, candidate) -> candidate == null ? null : JsonDocuments.write(candidate, AlertJson::write);
    }

    @Override
    public Deserializer<AlertCandidate> deserializer() {
        return JSON.deserializer();
    }

    /** An alert's JSON as {@code VigilJson.writeBytes(alert)} writes it. */
    static byte[] alertBytes(Alert alert) {
        return JsonDocuments.write(alert, AlertJson::write);
    }

    /**
     * The serde to write alerts with where {@code contract} is the alerts topic's: a {@code JsonSerde} (the contract's
     * bytes) is replaced by one writing the same bytes with {@link AlertJson}; any other serde is kept.
     */
    static Serde<Alert> alertSerde(Serde<Alert> contract) {
        if (!(contract instanceof JsonSerde<?>)) {
            return contract;
        }
        Serializer<Alert> serializer = (topic, alert) -> alert == null ? null : alertBytes(alert);
        return Serdes.serdeFrom(serializer, contract.deserializer());
    }
}
