package dev.vigil.streams.rules.cel;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a rule condition, message, dedup key or details expression can use. Every variable is always
 * present (strings default to {@code ""}, maps to {@code {}}), so conditions need no {@code has()} guards for
 * the event's own fields; objects ({@code obj}, {@code request}, {@code response}) are free-form JSON, where
 * {@code has()} or the optional syntax ({@code obj.?spec.?hostNetwork.orValue(false)}) is the safe way in.
 * {@code user}, {@code impersonatedUser} and {@code objectRef} are typed ({@link #USER_INFO},
 * {@link #OBJECT_REFERENCE}): a misspelt field or a comparison of the wrong type fails to compile.
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
    private static final CelType STRINGS = ListType.create(SimpleType.STRING);

    /**
     * The audit event's user ({@code user}, {@code impersonatedUser}) as a typed struct: {@code user.nmae} or
     * {@code user.groups == "x"} is a compile error at its position, not a rule that silently never fires.
     */
    static final StructType USER_INFO = struct("k8s.audit.UserInfo", Map.of("username", SimpleType.STRING,
            "uid", SimpleType.STRING, "groups", STRINGS, "extra", MapType.create(SimpleType.STRING, STRINGS)));
    /** The audit event's {@code objectRef} as a typed struct. */
    static final StructType OBJECT_REFERENCE = struct("k8s.audit.ObjectReference", Map.of(
            "resource", SimpleType.STRING, "subresource", SimpleType.STRING, "namespace", SimpleType.STRING,
            "name", SimpleType.STRING, "uid", SimpleType.STRING, "apiGroup", SimpleType.STRING,
            "apiVersion", SimpleType.STRING, "resourceVersion", SimpleType.STRING));

    /** Resolves the struct types above for the checker; their values at run time are the maps the activation builds. */
    static CelTypeProvider typeProvider() {
        Map<String, CelType> types = Map.of(USER_INFO.name(), USER_INFO, OBJECT_REFERENCE.name(), OBJECT_REFERENCE);
        return new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return ImmutableList.copyOf(types.values());
            }

            @Override
            public Optional<CelType> findType(String name) {
                return Optional.ofNullable(types.get(name));
            }
        };
    }

    private static StructType struct(String name, Map<String, CelType> fields) {
        return StructType.create(name, ImmutableSet.copyOf(new TreeSet<>(fields.keySet())),
                field -> Optional.ofNullable(fields.get(field)));
    }

    /** Every variable's name (anything else a condition names is a list or a comprehension's variable). */
    static final Set<String> NAMES = Set.copyOf(declarations().keySet());

    private RuleVariables() {
    }

    /** Names and types, in the order they are documented. */
    static Map<String, CelType> declarations() {
        Map<String, CelType> vars = new LinkedHashMap<>();
        vars.put(EVENT, OBJECT);
        vars.put(CLUSTER, SimpleType.STRING);
        vars.put(USER, USER_INFO);
        vars.put(IMPERSONATED_USER, USER_INFO);
        vars.put(VERB, SimpleType.STRING);
        vars.put(STAGE, SimpleType.STRING);
        vars.put(LEVEL, SimpleType.STRING);
        vars.put(REQUEST_URI, SimpleType.STRING);
        vars.put(PATH, SimpleType.STRING);
        vars.put(USER_AGENT, SimpleType.STRING);
        vars.put(SOURCE_IPS, ListType.create(SimpleType.STRING));
        vars.put(OBJECT_REF, OBJECT_REFERENCE);
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
