package dev.vigil.alerting.indexer;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/**
 * The few fields of an evidence record the indexer needs — id ({@code orchestrator.cluster.name},
 * {@code kubernetes.audit.auditID}, {@code .stage}) and event time ({@code @timestamp},
 * {@code kubernetes.audit.stageTimestamp}, {@code .requestReceivedTimestamp}) — read in one token walk over the
 * whole record, which also proves it well-formed, without building a tree. Strings as the tree path reads them:
 * a string value directly under its object, blank as absent.
 * <p>
 * Only the plain case is answered: the walk gives up (null) on anything else — not JSON, not one object, duplicate
 * keys (the mapper's parser detects them as the tree decode does), trailing content, a line break (a line feed
 * would split the bulk body's line; a lone carriage return goes along), no audit id — and the record then takes the tree path, which dead-letters it, or indexes it, exactly
 * as before. So a record is never judged differently here than there.
 */
record EvidenceFields(String timestamp, String cluster, String auditId, String stage, String stageTimestamp,
                      String requestReceivedTimestamp) {

    /** The fields of a plain evidence record, or null when it must take the tree path. */
    static EvidenceFields read(byte[] json) {
        try (JsonParser parser = VigilJson.mapper().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Reader reader = new Reader();
            int depth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return null;
                }
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_STRING -> {
                        if (depth == 1 || depth == 3) {
                            reader.take(parser, depth);
                        }
                    }
                    default -> {
                    }
                }
            }
            // a line break can only be whitespace in valid JSON, and the parser counts them: cheaper than a scan
            if (parser.nextToken() != null || parser.currentLocation().getLineNr() != 1) {
                return null;
            }
            return reader.auditId == null ? null : new EvidenceFields(reader.timestamp, reader.cluster,
                    reader.auditId, reader.stage, reader.stageTimestamp, reader.requestReceivedTimestamp);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The values found so far; a name met twice in one object has already failed the walk. */
    private static final class Reader {
        private String timestamp;
        private String cluster;
        private String auditId;
        private String stage;
        private String stageTimestamp;
        private String requestReceivedTimestamp;

        /** A string value at object depth 1 (the document) or 3 ({@code kubernetes.audit}, {@code orchestrator.cluster}). */
        void take(JsonParser parser, int depth) {
            TokenStreamContext object = parser.streamReadContext();
            if (!object.inObject()) {
                return;
            }
            String name = object.currentName();
            if (depth == 1) {
                if ("@timestamp".equals(name)) {
                    timestamp = text(parser);
                }
                return;
            }
            TokenStreamContext parent = object.getParent();
            TokenStreamContext document = parent.getParent();
            if (!parent.inObject() || !document.inObject()) {
                return;
            }
            String outer = document.currentName();
            String inner = parent.currentName();
            if ("kubernetes".equals(outer) && "audit".equals(inner)) {
                switch (name) {
                    case "auditID" -> auditId = text(parser);
                    case "stage" -> stage = text(parser);
                    case "stageTimestamp" -> stageTimestamp = text(parser);
                    case "requestReceivedTimestamp" -> requestReceivedTimestamp = text(parser);
                    default -> {
                    }
                }
            } else if ("orchestrator".equals(outer) && "cluster".equals(inner) && "name".equals(name)) {
                cluster = text(parser);
            }
        }

        private static String text(JsonParser parser) {
            String text = parser.getString();
            return text.isBlank() ? null : text;
        }
    }
}
