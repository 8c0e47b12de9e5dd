package dev.vigil.streams.rules.cel;

import dev.cel.runtime.CelVariableResolver;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.ObjectReference;
import dev.vigil.model.audit.UserInfo;
import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables one audit event offers to every rule condition, built lazily and at most once per event: a
 * rule that reads only {@code verb} never pays for converting {@code requestObject}, and ten rules reading
 * {@code obj} share one conversion. Not thread-safe; one instance per event and thread.
 * See {@link RuleVariables} for the names and meaning of the variables.
 */
public final class EventActivation implements CelVariableResolver, FastExpression.Variables {

    private static final String DECISION = "authorization.k8s.io/decision";

    private final AuditRecord record;
    private final AuditEvent event;
    private final Map<String, List<String>> lists;
    private final Map<String, Object> cache = new HashMap<>(16);
    private JsonNode admittedJson;
    private Boolean partial;

    public EventActivation(AuditRecord record, Map<String, List<String>> lists) {
        this.record = record;
        this.event = record.event();
        this.lists = lists;
    }

    public AuditRecord record() {
        return record;
    }

    @Override
    public Optional<Object> find(String name) {
        Object value = cache.get(name);
        if (value == null) {
            value = compute(name);
            if (value == null) {
                return Optional.empty();
            }
            cache.put(name, value);
        }
        return Optional.of(value);
    }

    /** The value of a variable, as a rule would see it (for Java-side checks such as exceptions). */
    @Override
    public Object value(String name) {
        return find(name).orElse(null);
    }

    private Object compute(String name) {
        return switch (name) {
            case RuleVariables.EVENT -> CelValues.fromJson(VigilJson.tree(record.whole().event()));
            case RuleVariables.CLUSTER -> text(record.cluster());
            case RuleVariables.USER -> user(event.user());
            case RuleVariables.IMPERSONATED_USER -> user(event.impersonatedUser());
            case RuleVariables.VERB -> text(event.verb());
            case RuleVariables.STAGE -> text(event.stage());
            case RuleVariables.LEVEL -> text(event.level());
            case RuleVariables.REQUEST_URI -> text(event.requestURI());
            case RuleVariables.PATH -> path(event.requestURI());
            case RuleVariables.USER_AGENT -> text(event.userAgent());
            case RuleVariables.SOURCE_IPS -> event.sourceIPs();
            case RuleVariables.OBJECT_REF -> objectRef(event.objectRef());
            case RuleVariables.RESPONSE_CODE -> (long) event.responseCode();
            case RuleVariables.ANNOTATIONS -> event.annotations();
            case RuleVariables.DECISION -> text(event.annotation(DECISION));
            case RuleVariables.REQUEST -> objectValue(record.requestObject());
            case RuleVariables.RESPONSE -> objectValue(record.responseObject());
            case RuleVariables.OBJ -> objectValue(admittedJson());
            case RuleVariables.PARTIAL -> isPartial();
            default -> lists.get(name);
        };
    }

    /**
     * The object as the API server admitted it: {@code responseObject} when the audit level recorded it, else
     * {@code requestObject}; for a patch without a response, what the patch sets ({@link #isPartial()}).
     */
    public JsonNode admittedJson() {
        if (admittedJson == null) {
            // objects of a lazily decoded record are parsed here, on first use: the request only when needed
            JsonNode response = record.responseObject();
            if (isObject(response) && !isStatus(response)) {
                admittedJson = response;
            } else if ("patch".equals(event.verb()) && record.requestObject() != null) {
                admittedJson = PatchedFields.of(record.requestObject());
            } else {
                admittedJson = record.requestObject();
            }
            if (admittedJson == null) {
                admittedJson = VigilJson.mapper().missingNode();
            }
        }
        return admittedJson;
    }

    /** True when {@code obj} is only what a patch sets, not the whole resulting object. */
    public boolean isPartial() {
        if (partial == null) {
            partial = "patch".equals(event.verb()) && !(isObject(record.responseObject())
                    && !isStatus(record.responseObject())) && record.requestObject() != null;
        }
        return partial;
    }

    /** Objects are declared as maps; anything else (absent, a bare value) reads as an empty map. */
    private static Object objectValue(JsonNode node) {
        return isObject(node) ? CelValues.fromJson(node) : Map.of();
    }

    private static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }

    /** A delete's response is often a {@code Status}, not the object. */
    private static boolean isStatus(JsonNode node) {
        return "Status".equals(node.path("kind").asString(""));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String path(String uri) {
        if (uri == null) {
            return "";
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static Map<String, Object> user(UserInfo user) {
        Map<String, Object> map = new LinkedHashMap<>(8);
        map.put("username", user == null ? "" : text(user.username()));
        map.put("uid", user == null ? "" : text(user.uid()));
        map.put("groups", user == null ? List.of() : user.groups());
        map.put("extra", user == null ? Map.of() : user.extra());
        return map;
    }

    private static Map<String, Object> objectRef(ObjectReference ref) {
        Map<String, Object> map = new LinkedHashMap<>(16);
        map.put("resource", ref == null ? "" : text(ref.resource()));
        map.put("subresource", ref == null ? "" : text(ref.subresource()));
        map.put("namespace", ref == null ? "" : text(ref.namespace()));
        map.put("name", ref == null ? "" : text(ref.name()));
        map.put("uid", ref == null ? "" : text(ref.uid()));
        map.put("apiGroup", ref == null ? "" : text(ref.apiGroup()));
        map.put("apiVersion", ref == null ? "" : text(ref.apiVersion()));
        map.put("resourceVersion", ref == null ? "" : text(ref.resourceVersion()));
        return map;
    }
}
