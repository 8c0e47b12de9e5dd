package dev.vigil.model.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the {@link RequestSummary} of a {@code k8s.audit.events} record straight from its bytes, about three times
 * faster than {@link AuditRecordCodec#decodeLazily}: one pass that reads only the top-level fields the summary needs
 * (and the names at the top of the request and response objects and of their {@code spec}) and jumps over everything
 * else by following strings and brackets.
 * <p>
 * It answers for the plain shape of an event only and says "not sure" (null) for anything else, the caller then
 * decoding as before. When it answers, the answer is {@code RequestSummary.of(decodeLazily(value).value().event())}
 * whenever that decode succeeds, because it accepts a strict subset of what the decoders read alike:
 * <ul>
 * <li>the top level and the objects it reads into ({@code user}, {@code objectRef}, {@code responseStatus},
 * {@code annotations}) in strict JSON — its four whitespace characters, no BOM, nothing after the closing brace;</li>
 * <li>names there and the string values it reads in printable ASCII without escapes, so that no other spelling of a
 * name (an escaped letter, or an overlong UTF-8 form, which Jackson decodes to the letter but Java's decoder does not)
 * is read differently; a response code as a plain integer of at most 9 digits;</li>
 * <li>the value types the decoders accept (a string or null for text, an object or null for the objects, an array of
 * strings or null for groups): any other type fails the decode, so the reader does not guess;</li>
 * <li>duplicate names as the decoders read them (Go's rule: the last wins, a whole object replacing an earlier one,
 * null an earlier value);</li>
 * <li>skipped values delimited exactly as Jackson and the fallback field splitter ({@link TopLevelFields}) delimit
 * them — by strings (a backslash escapes the next byte) and matching brackets — with nesting under
 * {@value PlainJsonCursor#MAX_DEPTH} (Jackson's limit is 500). Whatever a skipped value holds is not read, so it
 * cannot change the answer: if it makes the decode fail, any answer will do; if only an object is unreadable, the
 * decoders drop it and read the same top-level fields.</li>
 * </ul>
 * Whether the event's objects may hold a pod ({@link RequestSummary#mayHoldPod()}) it tells by reading the names of
 * {@code requestObject} and {@code responseObject} and of their {@code spec} members, nothing deeper, and only in
 * the strictest form: each object absent, null or an object whose names are all plain (no escape, printable ASCII,
 * as above), each {@code spec} an object, or null; whatever else it meets there — an escaped or non-ASCII name, a
 * {@code spec} that is an array or a string, a JSON Patch (an array) as the request, a pod name — says "may hold a
 * pod", and the object is then skipped as any other value. Duplicates count all: a name in any copy of an object
 * counts, whichever copy the decoders keep. Objects the decoders cannot read they drop, so no pod is found there
 * either way; and the names the decoders read of an object they can read are the names read here, since this reads
 * strict JSON only and delimits values as they do.
 * <p>
 * Work is linear in the record's length and nothing is thrown to the caller.
 */
public final class RequestSummaryReader {

    private static final byte[] VERB = ascii("verb");
    private static final byte[] STAGE = ascii("stage");
    private static final byte[] LEVEL = ascii("level");
    private static final byte[] OBJECT_REF = ascii("objectRef");
    private static final byte[] USER = ascii("user");
    private static final byte[] RESPONSE_STATUS = ascii("responseStatus");
    private static final byte[] ANNOTATIONS = ascii("annotations");
    private static final byte[] API_GROUP = ascii("apiGroup");
    private static final byte[] RESOURCE = ascii("resource");
    private static final byte[] SUBRESOURCE = ascii("subresource");
    private static final byte[] NAMESPACE = ascii("namespace");
    private static final byte[] USERNAME = ascii("username");
    private static final byte[] GROUPS = ascii("groups");
    private static final byte[] CODE = ascii("code");
    private static final byte[] DECISION = ascii(RequestSummary.DECISION_ANNOTATION);
    private static final byte[] REASON = ascii(RequestSummary.REASON_ANNOTATION);
    private static final byte[] USER_AGENT = ascii("userAgent");
    private static final byte[] IMPERSONATED_USER = ascii("impersonatedUser");
    private static final byte[] REQUEST_OBJECT = ascii("requestObject");
    private static final byte[] RESPONSE_OBJECT = ascii("responseObject");
    private static final byte[] SPEC = ascii("spec");
    private static final byte[][] POD_SPEC_NAMES = RequestSummary.POD_SPEC_NAMES.stream()
            .map(RequestSummaryReader::ascii).toArray(byte[][]::new);

    private final PlainJsonCursor json;
    private String verb;
    private String stage;
    private String level;
    private String apiGroup;
    private String resource;
    private String subresource;
    private String namespace;
    private String username;
    private List<String> groups;
    private int code = -1;
    private String decision;
    private String reason;
    private String userAgent;
    private boolean impersonated;
    private boolean mayHoldPod;

    private RequestSummaryReader(byte[] value) {
        this.json = new PlainJsonCursor(value);
    }

    /** The summary of the event in a record value, or null when not sure (then decode the record instead). */
    public static RequestSummary read(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return new RequestSummaryReader(value).event();
        } catch (PlainJsonCursor.NotPlain e) {
            return null;
        }
    }

    private RequestSummary event() {
        json.objectStart();
        if (json.firstMember()) {
            do {
                // Only names of these lengths can be ones the summary needs: most fields are passed by length alone.
                switch (json.name()) {
                    case 4 -> {
                        if (json.nameIs(VERB)) {
                            verb = json.string();
                        } else if (json.nameIs(USER)) {
                            user();
                        } else {
                            json.skipValue(1);
                        }
                    }
                    case 5 -> {
                        if (json.nameIs(STAGE)) {
                            stage = json.string();
                        } else if (json.nameIs(LEVEL)) {
                            level = json.string();
                        } else {
                            json.skipValue(1);
                        }
                    }
                    case 9 -> {
                        if (json.nameIs(USER_AGENT)) {
                            userAgent = json.string();
                        } else {
                            objectOr(OBJECT_REF, this::objectRef);
                        }
                    }
                    case 11 -> objectOr(ANNOTATIONS, this::annotations);
                    case 13 -> objectOr(REQUEST_OBJECT, this::podFreeObject);
                    case 14 -> {
                        if (json.nameIs(RESPONSE_OBJECT)) {
                            podFreeObject();
                        } else {
                            objectOr(RESPONSE_STATUS, this::responseStatus);
                        }
                    }
                    case 16 -> {
                        if (json.nameIs(IMPERSONATED_USER)) {
                            // only whether there is one: its contents are what the screen never reads
                            impersonated = json.skipObjectOrNull(1);
                        } else {
                            json.skipValue(1);
                        }
                    }
                    default -> json.skipValue(1);
                }
            } while (json.nextMember());
        }
        json.end();
        return new RequestSummary(verb, stage, level, apiGroup, resource, subresource, namespace, username, groups,
                code, decision, reason, userAgent, impersonated, mayHoldPod);
    }

    /**
     * A request or response object: past it, and {@link #mayHoldPod} set unless it is plainly pod-free (see the class
     * comment). Anything unusual is left to the skip, which delimits the value exactly as before.
     */
    private void podFreeObject() {
        if (mayHoldPod) {
            json.skipValue(1); // already unsure: nothing to learn
            return;
        }
        int start = json.position();
        try {
            if (json.wholeObjectOrNull()) {
                do {
                    json.name();
                    if (json.nameIs(SPEC)) {
                        podFreeSpec();
                    } else {
                        json.skipValue(2);
                    }
                } while (json.nextMember());
            }
        } catch (PlainJsonCursor.NotPlain unsure) {
            mayHoldPod = true;
            json.reset(start);
            json.skipValue(1); // throws NotPlain itself where the summary must not be answered, as before
        }
    }

    /** A {@code spec} member's value, null or an object without any of the pod's names; else NotPlain. */
    private void podFreeSpec() {
        if (json.wholeObjectOrNull()) {
            do {
                json.name();
                for (byte[] name : POD_SPEC_NAMES) {
                    if (json.nameIs(name)) {
                        throw PlainJsonCursor.NotPlain.INSTANCE;
                    }
                }
                json.skipValue(3);
            } while (json.nextMember());
        }
    }

    private void objectOr(byte[] name, Runnable read) {
        if (json.nameIs(name)) {
            read.run();
        } else {
            json.skipValue(1);
        }
    }

    // Each object read replaces all that an earlier one of the same name gave (duplicates: the last wins, as a whole).

    private void objectRef() {
        apiGroup = resource = subresource = namespace = null;
        if (json.objectOrNull()) {
            do {
                json.name();
                if (json.nameIs(API_GROUP)) {
                    apiGroup = json.string();
                } else if (json.nameIs(RESOURCE)) {
                    resource = json.string();
                } else if (json.nameIs(SUBRESOURCE)) {
                    subresource = json.string();
                } else if (json.nameIs(NAMESPACE)) {
                    namespace = json.string();
                } else {
                    json.skipValue(2);
                }
            } while (json.nextMember());
        }
    }

    private void user() {
        username = null;
        groups = null;
        if (json.objectOrNull()) {
            do {
                json.name();
                if (json.nameIs(USERNAME)) {
                    username = json.string();
                } else if (json.nameIs(GROUPS)) {
                    groups = json.strings();
                } else {
                    json.skipValue(2);
                }
            } while (json.nextMember());
        }
    }

    private void responseStatus() {
        code = -1;
        if (json.objectOrNull()) {
            do {
                json.name();
                if (json.nameIs(CODE)) {
                    code = json.smallInt(-1);
                } else {
                    json.skipValue(2);
                }
            } while (json.nextMember());
        }
    }

    private void annotations() {
        decision = null;
        reason = null;
        if (json.objectOrNull()) {
            do {
                json.name();
                if (json.nameIs(DECISION)) {
                    decision = json.string(); // other scalars become text in the decoders: not guessed here
                } else if (json.nameIs(REASON)) {
                    reason = json.anyString(); // null removes the annotation in the decoders, as it does here
                } else {
                    json.skipValue(2);
                }
            } while (json.nextMember());
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
