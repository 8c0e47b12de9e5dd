package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Store form of {@link DedupEntry}, read and written for every hit (the hot path): a format byte, the expiry, the
 * seen events as raw bytes (up to 16 KiB; JSON or base64 would double that and cost more to parse) and the alert as
 * JSON. Entries written before the seen events existed (a JSON object, {@code {"alert":…,"expiresAtMillis":…}}) are
 * still read, with the seen events rebuilt from the audit ids the alert lists.
 */
final class DedupEntrySerde implements Serde<DedupEntry> {

    private static final byte FORMAT = 1;
    private static final byte LEGACY_JSON = '{';

    /** The older form; only read. */
    private record JsonEntry(Alert alert, long expiresAtMillis) {
    }

    @Override
    public Serializer<DedupEntry> serializer() {
        return (topic, entry) -> {
            if (entry == null) {
                return null;
            }
            byte[] alert = AlertCandidateSerde.alertBytes(entry.alert());
            ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + entry.seen().serializedSize() + alert.length);
            buffer.put(FORMAT).putLong(entry.expiresAtMillis());
            entry.seen().writeTo(buffer);
            return buffer.put(alert).array();
        };
    }

    @Override
    public Deserializer<DedupEntry> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return bytes.length > 0 && bytes[0] == LEGACY_JSON ? fromJson(bytes) : fromBinary(bytes);
            } catch (JacksonException | IllegalArgumentException | BufferUnderflowException e) {
                throw new SerializationException("cannot read a dedup entry from " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    private static DedupEntry fromBinary(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte format = buffer.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown format " + format);
        }
        long expires = buffer.getLong();
        SeenEvents seen = SeenEvents.readFrom(buffer);
        Alert alert = VigilJson.mapper().readValue(bytes, buffer.position(), buffer.remaining(), Alert.class);
        return new DedupEntry(alert, expires, seen);
    }

    private static DedupEntry fromJson(byte[] bytes) {
        JsonEntry old = VigilJson.mapper().readValue(bytes, JsonEntry.class);
        SeenEvents seen = SeenEvents.empty();
        String cluster = AlertDeduplicator.cluster(old.alert());
        for (String auditId : old.alert().vigil().evidence().auditIds()) {
            seen.add(SeenEvents.hash(cluster, auditId), Integer.MAX_VALUE);
        }
        return new DedupEntry(old.alert(), old.expiresAtMillis(), seen);
    }

    /** For tests: the bytes of an entry as the JSON serde wrote them before. */
    static byte[] legacyJson(Alert alert, long expiresAtMillis) {
        return VigilJson.writeBytes(new JsonEntry(alert, expiresAtMillis));
    }
}
