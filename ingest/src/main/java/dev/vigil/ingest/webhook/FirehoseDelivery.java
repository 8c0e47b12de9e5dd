package dev.vigil.ingest.webhook;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipException;

/**
 * The body of an Amazon Data Firehose HTTP endpoint delivery, as AWS specifies it
 * ({@code {"requestId", "timestamp", "records": [{"data": "<base64>"}]}}), read as a stream with each record's data
 * decoded but not yet unpacked: what the records hold is {@link FirehoseIngestor}'s business. Unknown fields are
 * skipped; a record whose data is not base64 is kept as a failed record, so that it is dead-lettered, not lost.
 */
record FirehoseDelivery(String requestId, long timestamp, List<Record> records) {

    /**
     * One record: its 1-based position, its decoded data, or why it could not be decoded (with its text).
     * Firehose permits empty records; they carry nothing and are kept as empty data.
     */
    record Record(int index, byte[] data, String error, String text) {

        boolean isOk() {
            return error == null;
        }
    }

    /** Reads a delivery; a body that is not one (not JSON, no records array) is a {@link NotJsonException}. */
    static FirehoseDelivery read(InputStream body) throws NotJsonException, IOException {
        try (JsonParser parser = VigilJson.mapper().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new NotJsonException("the body is not a Firehose delivery: not a JSON object");
            }
            String requestId = null;
            long timestamp = 0;
            List<Record> records = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "requestId" -> requestId = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    case "timestamp" -> timestamp = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                    case "records" -> records = records(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new NotJsonException("the body is not a Firehose delivery: more after its JSON object");
            }
            if (records == null) {
                throw new NotJsonException("the body is not a Firehose delivery: it has no records array");
            }
            return new FirehoseDelivery(requestId, timestamp, records);
        } catch (JacksonException e) {
            // The body's own failures (limit, deadline, broken upload) come wrapped: let the caller tell them apart.
            if (e.getCause() instanceof ZipException zip) {
                throw new NotJsonException("the gzip-encoded body is broken: " + zip.getMessage());
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new NotJsonException("the body is not a Firehose delivery: " + e.getOriginalMessage());
        }
    }

    private static List<Record> records(JsonParser parser, JsonToken start) throws NotJsonException {
        if (start != JsonToken.START_ARRAY) {
            throw new NotJsonException("the body is not a Firehose delivery: records is not an array");
        }
        List<Record> records = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            int index = records.size() + 1;
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                records.add(new Record(index, null, "a record that is not a JSON object", "<" + token + ">"));
                continue;
            }
            String data = null;
            for (JsonToken field = parser.nextToken(); field == JsonToken.PROPERTY_NAME; field = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(name) && value == JsonToken.VALUE_STRING) {
                    data = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
            records.add(decode(index, data));
        }
        return records;
    }

    private static Record decode(int index, String data) {
        if (data == null) {
            return new Record(index, null, "a record without a data string", "");
        }
        try {
            return new Record(index, Base64.getDecoder().decode(data), null, null);
        } catch (IllegalArgumentException e) {
            return new Record(index, null, "the record's data is not base64: " + e.getMessage(), data);
        }
    }
}
