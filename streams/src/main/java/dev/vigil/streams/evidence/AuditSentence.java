package dev.vigil.streams.evidence;

import dev.vigil.model.ecs.EcsFields;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.ObjectReference;

import java.util.Map;

/**
 * Says in one readable sentence what an audit event records, e.g. {@code alice created pods/nginx in default (201)},
 * so that an evidence list reads without opening each document.
 */
final class AuditSentence {

    private static final Map<String, String> PAST_TENSE = Map.ofEntries(
            Map.entry("get", "read"), Map.entry("list", "listed"), Map.entry("watch", "watched"),
            Map.entry("create", "created"), Map.entry("update", "updated"), Map.entry("patch", "patched"),
            Map.entry("delete", "deleted"), Map.entry("deletecollection", "deleted all"),
            Map.entry("proxy", "proxied"), Map.entry("impersonate", "impersonated"), Map.entry("bind", "bound"),
            Map.entry("escalate", "escalated"), Map.entry("approve", "approved"), Map.entry("sign", "signed"),
            Map.entry("use", "used"), Map.entry("post", "posted to"), Map.entry("put", "put"),
            Map.entry("head", "read"), Map.entry("options", "asked options of"));

    private AuditSentence() {
    }

    static String describe(AuditEvent event) {
        return describe(event, EcsFields.objectName(event));
    }

    /** {@link #describe(AuditEvent)} with the {@link EcsFields#objectName} already known. */
    static String describe(AuditEvent event, String objectName) {
        StringBuilder sentence = new StringBuilder(96);
        sentence.append(event.username() != null ? event.username() : "an unknown user");
        if (event.impersonatedUser() != null && event.impersonatedUser().username() != null) {
            sentence.append(" as ").append(event.impersonatedUser().username());
        }
        // a refused or failed request did not happen: "tried to read secrets/x (403 Forbidden)", never "read secrets/x"
        boolean refused = event.responseCode() >= 400;
        sentence.append(' ').append(refused ? "tried to " + infinitive(event.verb()) : verbPhrase(event.verb())).append(' ');
        ObjectReference ref = event.objectRef();
        if (ref != null && ref.resource() != null && !ref.resource().isEmpty()) {
            sentence.append(ref.resource());
            if (objectName != null) {
                sentence.append('/').append(objectName);
            }
            if (ref.subresource() != null && !ref.subresource().isEmpty()) {
                sentence.append('/').append(ref.subresource());
            }
            if (ref.namespace() != null && !ref.namespace().isEmpty()) {
                sentence.append(" in ").append(ref.namespace());
            }
        } else {
            sentence.append(event.requestURI() != null ? event.requestURI() : "an unknown resource");
        }
        if (event.responseCode() >= 0) {
            sentence.append(" (").append(event.responseCode());
            if (refused) {
                HttpStatusText.of(event.responseCode()).ifPresent(text -> sentence.append(' ').append(text));
            }
            sentence.append(')');
        }
        return sentence.toString();
    }

    private static String infinitive(String verb) {
        if (verb == null || verb.isEmpty()) {
            return "request";
        }
        return switch (verb) {
            case "get", "head" -> "read";
            case "deletecollection" -> "delete all";
            case "post" -> "post to";
            default -> verb;
        };
    }

    /** The reason phrases of the refusals and failures an API server answers with. */
    private static final class HttpStatusText {
        private static final Map<Integer, String> TEXT = Map.ofEntries(
                Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
                Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
                Map.entry(410, "Gone"), Map.entry(422, "Unprocessable Entity"), Map.entry(429, "Too Many Requests"),
                Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"),
                Map.entry(504, "Gateway Timeout"));

        static java.util.Optional<String> of(int code) {
            return java.util.Optional.ofNullable(TEXT.get(code));
        }
    }

    private static String verbPhrase(String verb) {
        if (verb == null || verb.isEmpty()) {
            return "requested";
        }
        String phrase = PAST_TENSE.get(verb);
        return phrase != null ? phrase : "requested " + verb + " on";
    }
}
