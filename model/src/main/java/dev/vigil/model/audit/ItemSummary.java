package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * What ingest needs to know of one audit item, read from its token stream without building a tree: whether it is an
 * event {@link AuditEventParser} accepts as it is, and its identity. Only the fields the parser checks are decoded;
 * every other token is only passed over — under the same parser, features and limits as {@link ItemParser}, numbers
 * converted as the tree would convert them — so that an item this reads is exactly an item {@link ItemParser} reads
 * whole.
 * <p>
 * Conservative by design: anything unusual (not an object, a wrong type, an unparseable timestamp, an item the parser
 * would reject or only salvage, a token after the object) makes {@link #read} answer null, and the caller takes the
 * tree path ({@link AuditFileReader.Item#read()}), which gives the exact answer and reason. Duplicate keys need no
 * special case: every occurrence is checked and the last one assigned, as Go and the tolerant tree read them.
 *
 * @param auditID        the {@code auditID} string (not blank), or null when absent or null
 * @param stage          the {@code stage}, or null
 * @param identifies     whether the item says it is an audit event: kind {@code Event}, apiVersion
 *                       {@code audit.k8s.io/…}, or one of {@code auditID}, {@code verb}, {@code requestURI} present
 * @param envelopeField  whether it carries a top-level {@code cluster} or {@code receivedAt} (the record's envelope
 *                       then replaces it, which needs the tree)
 */
public record ItemSummary(String auditID, String stage, boolean identifies, boolean envelopeField) {

    /** The parser's longest string: an item shorter than this cannot hold a string the tree would refuse. */
    static final int MAX_STRING_LENGTH =
            VigilJson.tolerantMapper().tokenStreamFactory().streamReadConstraints().getMaxStringLength();

    /** The summary of an item's text, or null when only the tree path can judge it. */
    public static ItemSummary read(String text) {
        if (text.length() >= MAX_STRING_LENGTH) {
            return null; // strings passed over are not held to the parser's string limit: the tree path decides
        }
        try (JsonParser parser = VigilJson.tolerantMapper().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ItemSummary summary = new Reader(parser).root();
            return parser.nextToken() == null ? summary : null;
        } catch (RuntimeException unusual) {
            // Unusual (see Reader), or the tree parse would fail too (syntax, limits, numbers): the tree path decides.
            return null;
        }
    }

    /**
     * The summary of the object {@code parser} has just started (its current token is {@code START_OBJECT}), read up
     * to and including its {@code END_OBJECT}; null when it is a valid object that only the tree path can judge.
     * Throws {@link Unusual} or the parser's exception where the object is unusual or unreadable (the parser is then
     * somewhere inside it), for a caller that finds the object's end by other means ({@link Utf8ItemReader}).
     */
    static ItemSummary readObject(JsonParser parser) {
        return new Reader(parser).root();
    }

    /** Reads one object's tokens; throws {@link Unusual} where the tree path must decide. */
    private static final class Reader {
        private final JsonParser parser;

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        ItemSummary root() {
            String auditID = null;
            String stage = null;
            String kind = null;
            String apiVersion = null;
            boolean named = false;
            boolean envelope = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                token = parser.nextToken();
                switch (name) {
                    case "auditID" -> {
                        auditID = string(token);
                        named = true;
                    }
                    case "verb", "requestURI" -> {
                        stringOrNull(token);
                        named = true;
                    }
                    case "kind" -> kind = string(token);
                    case "apiVersion" -> apiVersion = string(token);
                    case "stage" -> stage = string(token);
                    case "level", "userAgent" -> stringOrNull(token);
                    case "requestReceivedTimestamp", "stageTimestamp" -> timestamp(token);
                    case "user", "impersonatedUser" -> user(token);
                    case "sourceIPs" -> strings(token);
                    case "objectRef" -> objectRef(token);
                    case "responseStatus" -> responseStatus(token);
                    case "annotations" -> annotations(token);
                    case AuditRecordCodec.CLUSTER, AuditRecordCodec.RECEIVED_AT -> {
                        envelope = true;
                        skip(token);
                    }
                    default -> skip(token);
                }
            }
            if (token != JsonToken.END_OBJECT || (kind != null && !kind.equals("Event"))
                    || (auditID != null && auditID.isBlank())) {
                return null;
            }
            boolean identifies = "Event".equals(kind) || (apiVersion != null && apiVersion.startsWith("audit.k8s.io/"))
                    || named;
            return new ItemSummary(auditID, stage, identifies, envelope);
        }

        private String string(JsonToken token) {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_STRING) {
                throw Unusual.INSTANCE;
            }
            return parser.getString();
        }

        /**
         * A string or null whose value is not needed: left to the parser to pass over, which checks its escapes as
         * decoding would (and the item's length bounds it below the parser's string limit, see the callers).
         */
        private void stringOrNull(JsonToken token) {
            if (token != JsonToken.VALUE_NULL && token != JsonToken.VALUE_STRING) {
                throw Unusual.INSTANCE;
            }
        }

        private void timestamp(JsonToken token) {
            String value = string(token);
            if (value != null && Timestamps.parse(value).isEmpty()) {
                throw Unusual.INSTANCE;
            }
        }

        /** At an object's start (true), or null (false); anything else is unusual. */
        private boolean object(JsonToken token) {
            if (token == JsonToken.VALUE_NULL) {
                return false;
            }
            if (token != JsonToken.START_OBJECT) {
                throw Unusual.INSTANCE;
            }
            return true;
        }

        /** Each field of an object value (null has none) handed to {@code check} with its value's first token. */
        private void fields(JsonToken token, FieldCheck check) {
            if (!object(token)) {
                return;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                check.check(name, parser.nextToken());
            }
        }

        private void user(JsonToken token) {
            fields(token, (name, value) -> {
                switch (name) {
                    case "username", "uid" -> stringOrNull(value);
                    case "groups" -> strings(value);
                    case "extra" -> fields(value, (key, values) -> strings(values));
                    default -> skip(value);
                }
            });
        }

        private void strings(JsonToken token) {
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            if (token != JsonToken.START_ARRAY) {
                throw Unusual.INSTANCE;
            }
            JsonToken item;
            while ((item = parser.nextToken()) == JsonToken.VALUE_STRING) {
                // a string: nothing to check
            }
            if (item != JsonToken.END_ARRAY) {
                throw Unusual.INSTANCE;
            }
        }

        private void objectRef(JsonToken token) {
            fields(token, (name, value) -> {
                switch (name) {
                    case "resource", "namespace", "name", "uid", "apiGroup", "apiVersion", "resourceVersion",
                         "subresource" -> stringOrNull(value);
                    default -> skip(value);
                }
            });
        }

        private void responseStatus(JsonToken token) {
            fields(token, (name, value) -> {
                switch (name) {
                    case "code" -> {
                        if (value != JsonToken.VALUE_NULL && (value != JsonToken.VALUE_NUMBER_INT
                                || parser.getNumberType() != JsonParser.NumberType.INT)) {
                            throw Unusual.INSTANCE;
                        }
                    }
                    case "status", "reason", "message" -> stringOrNull(value);
                    default -> skip(value);
                }
            });
        }

        private void annotations(JsonToken token) {
            fields(token, (name, value) -> {
                if (value.isStructStart()) {
                    throw Unusual.INSTANCE; // the parser wants scalars
                }
                scalar(value);
            });
        }

        /** Passes over a value, checking on the way what the tree would check. */
        private void skip(JsonToken token) {
            if (!token.isStructStart()) {
                scalar(token);
                return;
            }
            int depth = 1;
            while (depth > 0) {
                JsonToken next = parser.nextToken();
                if (next == null) {
                    throw Unusual.INSTANCE;
                }
                if (next.isStructStart()) {
                    depth++;
                } else if (next.isStructEnd()) {
                    depth--;
                } else {
                    scalar(next);
                }
            }
        }

        /** Numbers are converted as the tree converts them (floats to BigDecimal), which may fail as it would. */
        private void scalar(JsonToken token) {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                parser.getNumberValue();
            } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                parser.getDecimalValue();
            }
        }
    }

    /** The tree path must decide; thrown without a stack trace, as it is an answer, not an error. */
    private static final class Unusual extends RuntimeException {
        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super("unusual item", null, false, false);
        }
    }

    /** One field's check in {@code Reader.fields}; may throw {@link Unusual}. */
    @FunctionalInterface
    private interface FieldCheck {
        void check(String name, JsonToken value);
    }
}
