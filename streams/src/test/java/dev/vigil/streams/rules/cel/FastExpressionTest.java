package dev.vigil.streams.rules.cel;

import dev.vigil.model.audit.AuditRecordCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java decision of a condition is CEL's answer or none: for each expression the fast path either agrees with
 * the CEL program (an evaluation error counting as "does not fire") or leaves it to CEL, and it does decide the
 * shapes the bundled rules use.
 */
class FastExpressionTest {

    private static final Map<String, List<String>> LISTS = Map.of(
            "agents", List.of("kubectl/", "curl/", "python-requests/"),
            "admins", List.of("alice@example.com"),
            "empty", List.of());

    private final CelRuleEnvironment environment = new CelRuleEnvironment(LISTS.keySet(),
            Map.of("is_sa", "user.username.startsWith('system:serviceaccount:')",
                    "interactive", "agents.exists(a, userAgent.startsWith(a))",
                    "key", "string(e.?name.orValue('')).lowerAscii().replace('_', '').replace('-', '')"));

    private final EventActivation event = new EventActivation(AuditRecordCodec.decode("""
            {"kind":"Event","cluster":"prod-1","receivedAt":"2024-05-02T10:00:00Z","verb":"create",
             "stage":"ResponseComplete","requestURI":"/api/v1/namespaces/shop/pods?dryRun=All",
             "user":{"username":"system:serviceaccount:shop:default","groups":["system:serviceaccounts","system:authenticated"]},
             "userAgent":"kubectl/v1.30.2 (linux/amd64)","sourceIPs":["10.0.0.7"],
             "objectRef":{"resource":"pods","namespace":"shop","name":"web","apiVersion":"v1"},
             "responseStatus":{"code":201},
             "annotations":{"authorization.k8s.io/decision":"allow"},
             "requestObject":{"kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},
               "spec":{"containers":[{"name":"app","image":"nginx:1.27","env":[
                 {"name":"DB_PASSWORD","value":"hunter2"},{"name":"TOKEN_FILE","value":"/var/run/t"},
                 {"name":"COUNT","value":"3"},{"name":"NESTED","value":{"x":1}}]}]}}}
            """.getBytes(StandardCharsets.UTF_8)).value(), LISTS);

    @Test
    void decidesTheShapesOfTheBundledRulesAsCelDoes() throws Exception {
        for (String condition : List.of(
                "is_sa && interactive",
                "is_sa && !(user.username in admins)",
                "'system:authenticated' in user.groups && size(user.groups) == 2",
                "verb in ['create', 'update'] && objectRef.namespace != 'default' && responseCode < 400",
                "decision == 'allow' || (decision == '' && responseCode > 0 && responseCode < 400)",
                "size(empty) > 0 && size(sourceIPs.filter(ip, !net.inCidrs(ip, empty))) > 0",
                "user.username.split(':')[2] == 'shop' && size(user.username.split(':')) == 4",
                "k8s.podSpec(obj).?containers.orValue([]).exists(c, c.?image.orValue('').startsWith('nginx'))",
                "obj.spec.containers.map(c, c.env.filter(e, type(e.?value.orValue(0)) == string"
                        + " && ['password', 'token'].exists(m, key.contains(m))).map(e, e.name)).flatten().size() == 2"
                        + "",
                "has(obj.metadata.labels) && obj.metadata.labels[?'app'].orValue('') == 'web'",
                "k8s.controller(obj) == '' && partial == false",
                "userAgent.matches('^kubectl/') && path == '/api/v1/namespaces/shop/pods'",
                "[1, 2].exists(i, i > 1) && 'abc'.lowerAscii() + 'x' == 'abcx'")) {
            assertThat(fast(condition)).as(condition).isEqualTo(environment.compileCondition(condition).program()
                    .eval(event));
        }
    }

    @Test
    void aValueOfTheOuterLoopIsComputedOncePerRunOfTheInnerLoopNotOnceForAll() throws Exception {
        assertThat(fast("[[1, 2], [1]].all(l, l.exists(x, x == size(l)))")).isTrue();
        assertThat(fast("[[1, 2], [2]].all(l, l.exists(x, x == size(l)))")).isFalse();
        assertThat(fast("['a_b', 'c'].map(n, ['ab', 'c'].exists(m, n.replace('_', '') == m)) == [true, true] || true"))
                .isTrue();
        assertThat(fast("['a_b', 'c-d'].all(n, ['ab', 'c'].exists(m, n.replace('_', '') == m))")).isFalse();
    }

    @Test
    void valuesAreTheOnesCelGives() throws Exception {
        for (String expression : List.of("user.username.split(':')[2]", "sourceIPs + ['x']",
                "obj.spec.containers.map(c, c.name + '/' + string(size(c.env)))", "responseCode", "obj.?spec.?nope",
                "k8s.ownerOrSelf(obj, objectRef)", "user.groups.filter(g, g.startsWith('system:')).join(', ')")) {
            CompiledExpression compiled = environment.compileValue(expression);
            Object java = compiled.fast().value(event);
            assertThat(java).as(expression).isNotNull();
            assertThat(CelValues.toJson(java)).as(expression).isEqualTo(CelValues.toJson(compiled.program().eval(event)));
        }
        assertThat(environment.compileValue("type(verb)").fast().value(event)).as("a type is left to CEL").isNull();
    }

    @Test
    void falseAndTrueAbsorbWhatItCannotEvaluateAsCelAbsorbsErrors() throws Exception {
        assertThat(fast("verb == 'get' && obj.spec.missing == 1")).isFalse();
        assertThat(fast("verb == 'create' || obj.spec.missing == 1")).isTrue();
        assertThat(fast("obj.spec.missing == 1 && verb == 'get'")).isFalse();
    }

    @Test
    void leavesToCelWhatItDoesNotCover() throws Exception {
        for (String condition : List.of(
                "obj.spec.missing == 1",
                "verb == 'create' && obj.spec.containers[5].name == 'x'",
                "obj.spec.containers[0].env.map(e, e.value).exists(v, v == 3)",
                "user.username.indexOf(':') > 0",
                "double(responseCode) > 200.0")) {
            assertThat(fast(condition)).as(condition).isNull();
        }
    }

    @Test
    void emptySplitPiecesAndCodePointSizesMatchCel() throws Exception {
        for (String condition : List.of(
                "'a::b:'.split(':') == ['a', '', 'b', ''] || true",
                "size('a::b:'.split(':')) == 4",
                "size('\u00e9\ud83d\ude00') == 2",
                "'x' in ['a', 1] || false")) {
            Object cel = environment.compileCondition(condition).program().eval(event);
            Boolean java = fast(condition);
            assertThat(java == null || java.equals(cel)).as(condition + ": " + java + " vs " + cel).isTrue();
        }
        assertThat(fast("size('a::b:'.split(':')) == 4")).isTrue();
    }

    private Boolean fast(String condition) throws CelCompileException {
        FastExpression fast = environment.compileCondition(condition).fast();
        return fast == null ? null : fast.test(event);
    }
}
