package dev.vigil.streams.rules.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a rule condition, message, dedup key or details expression can use. Every variable is always
 * present (strings default to {@code ""}, maps to {@code {}}), so conditions need no {@code has()} guards for
 * the event's own fields; objects ({@code obj}, {@code request}, {@code response}) are free-form JSON, where
 * {@code has()} or the optional syntax ({@code obj.?spec.?hostNetwork.orValue(false)}) is the safe way in.
 */
public final class RuleVariables {

    /** The whole audit event, as in the audit log (without the ingest envelope). */
    public static final String EVENT = "event";
    /** The cluster the event came from (ingest envelope). */
    public static final String CLUSTER = "cluster";
    /** {@code {username, uid, groups, extra}} of the requesting user. */
    public static final String USER = "user";
    /** {@code {username, uid, groups, extra}} of the impersonated user; empty strings/lists when none. */
    public static final String IMPERSONATED_USER = "impersonatedUser";
    public static final String VERB = "verb";
    public static final String STAGE = "stage";
    public static final String LEVEL = "level";
    public static final String REQUEST_URI = "requestURI";
    /** {@code requestURI} without its query string. */
    public static final String PATH = "path";
    public static final String USER_AGENT = "userAgent";
    public static final String SOURCE_IPS = "sourceIPs";
    /** {@code {resource, subresource, namespace, name, uid, apiGroup, apiVersion, resourceVersion}}. */
    public static final String OBJECT_REF = "objectRef";
    /** The response code, {@code -1} when the stage has none. */
    public static final String RESPONSE_CODE = "responseCode";
    public static final String ANNOTATIONS = "annotations";
    /** The {@code authorization.k8s.io/decision} annotation ({@code allow}/{@code forbid}), or "". */
    public static final String DECISION = "decision";
    public static final String REQUEST = "request";
    public static final String RESPONSE = "response";
    /** The object as admitted: responseObject, else requestObject, else (patch) what the patch sets. */
    public static final String OBJ = "obj";
    /** True when {@code obj} is only what a patch sets (no response object was recorded). */
    public static final String PARTIAL = "partial";

    private static final CelType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private RuleVariables() {
    }

    /** Names and types, in the order they are documented. */
    static Map<String, CelType> declarations() {
        Map<String, CelType> vars = new LinkedHashMap<>();
        vars.put(EVENT, OBJECT);
        vars.put(CLUSTER, SimpleType.STRING);
        vars.put(USER, OBJECT);
        vars.put(IMPERSONATED_USER, OBJECT);
        vars.put(VERB, SimpleType.STRING);
        vars.put(STAGE, SimpleType.STRING);
        vars.put(LEVEL, SimpleType.STRING);
        vars.put(REQUEST_URI, SimpleType.STRING);
        vars.put(PATH, SimpleType.STRING);
        vars.put(USER_AGENT, SimpleType.STRING);
        vars.put(SOURCE_IPS, ListType.create(SimpleType.STRING));
        vars.put(OBJECT_REF, OBJECT);
        vars.put(RESPONSE_CODE, SimpleType.INT);
        vars.put(ANNOTATIONS, MapType.create(SimpleType.STRING, SimpleType.STRING));
        vars.put(DECISION, SimpleType.STRING);
        vars.put(REQUEST, OBJECT);
        vars.put(RESPONSE, OBJECT);
        vars.put(OBJ, OBJECT);
        vars.put(PARTIAL, SimpleType.BOOL);
        return vars;
    }
}
