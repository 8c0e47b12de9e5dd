package dev.vigil.streams.rules.cel;

import dev.vigil.model.audit.RequestSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The screen of a condition ({@link FastExpression#screenOf}) knows a request's summary and the lists, and nothing
 * else: whatever reads another part of the event, or {@code user}/{@code objectRef} as a whole, is unknown (null),
 * and only {@code &&}, {@code ||} and {@code ?:} may decide around it, as CEL does around an error.
 */
class FastExpressionScreenTest {

    private static final Map<String, List<String>> LISTS = Map.of("admins", List.of("alice@example.com"),
            "read_verbs", List.of("get", "list", "watch"));

    private final CelRuleEnvironment environment = new CelRuleEnvironment(LISTS.keySet(),
            Map.of("is_anonymous", "user.username == 'system:anonymous' || 'system:unauthenticated' in user.groups",
                    "authorized", "decision == 'allow' || (decision == '' && responseCode > 0 && responseCode < 400)"));

    /** bob, in group developers, got configmaps/x in namespace shop: allowed, 200. */
    private static final RequestSummary BOB = new RequestSummary("get", "ResponseComplete", "Metadata", "",
            "configmaps", "", "shop", "bob@example.com", List.of("developers", "system:authenticated"), 200, "allow",
            null, "kubectl/v1.30.2", false);

    @Test
    void whatTheSummaryDoesNotHoldIsUnknown() throws Exception {
        for (String condition : List.of("has(user.uid)", "user.uid == ''", "size(user.extra) > 0",
                "k8s.target(objectRef, path) == 'configmaps/x'", "objectRef.name == 'x'", "objectRef.name != 'x'",
                "objectRef.apiVersion == 'v1'", "has(objectRef.name)", "has(user.username)",
                "obj.spec.containers.size() > 0", "has(obj.spec)", "obj.?spec.?hostNetwork.orValue(false)",
                "request == response", "partial", "!partial", "requestURI == ''", "path.startsWith('/api')",
                "userAgent == ''", "size(sourceIPs) > 0", "annotations['authorization.k8s.io/decision'] == 'allow'",
                "cluster == ''", "impersonatedUser.username == ''", "size(event) > 0",
                "user == impersonatedUser", "user.username == 'bob@example.com' && objectRef.name == 'x'",
                "user.username == 'alice@example.com' || objectRef.name == 'x'")) {
            assertThat(screen(condition, BOB)).as(condition).isNull();
        }
    }

    @Test
    void theSummaryDecidesWhatItHolds() throws Exception {
        assertThat(screen("user.username == 'a' && has(user.uid)", BOB)).isFalse();
        assertThat(screen("objectRef.name == 'x' && user.username == 'a'", BOB)).isFalse();
        assertThat(screen("user.username == 'bob@example.com' || obj.spec.hostNetwork", BOB)).isTrue();
        assertThat(screen("'system:masters' in user.groups", BOB)).isFalse();
        assertThat(screen("'developers' in user.groups", BOB)).isTrue();
        assertThat(screen("user.groups.exists(g, g.startsWith('system:'))", BOB)).isTrue();
        assertThat(screen("is_anonymous && size(obj) > 0", BOB)).isFalse();
        assertThat(screen("authorized && responseCode < 400 && verb in read_verbs", BOB)).isTrue();
        assertThat(screen("responseCode == 403 || objectRef.namespace != 'shop'", BOB)).isFalse();
        assertThat(screen("objectRef.resource == 'configmaps' && objectRef.apiGroup == ''"
                + " && objectRef.subresource == '' && stage == 'ResponseComplete' && level == 'Metadata'", BOB))
                .isTrue();
        assertThat(screen("user.username in admins ? objectRef.name == 'x' : false", BOB)).isFalse();
    }

    @Test
    void theImpersonatedUserIsKnownOnlyForAnEventKnownToCarryNone() throws Exception {
        String condition = "impersonatedUser.username != '' || size(impersonatedUser.groups) > 0";
        FastExpression impersonating = environment.compileCondition(condition).screen();
        assertThat(impersonating.test(new SummaryVariables(BOB, LISTS))).isNull();
        assertThat(impersonating.test(new SummaryVariables(BOB, LISTS, true, null))).isNull();
        assertThat(impersonating.test(new SummaryVariables(BOB, LISTS, false, null))).isFalse();
        for (String unknown : List.of("impersonatedUser.uid == ''", "has(impersonatedUser.username)",
                "size(impersonatedUser.extra) == 0", "impersonatedUser == user")) {
            FastExpression screen = environment.compileCondition(unknown).screen();
            assertThat(screen.test(new SummaryVariables(BOB, LISTS, false, null))).as(unknown).isNull();
        }
    }

    @Test
    void theAuthorizersReasonIsKnownAndNoOtherAnnotation() throws Exception {
        String outsideRbac = "'authorization.k8s.io/reason' in annotations"
                + " && !annotations['authorization.k8s.io/reason'].startsWith('RBAC:')";
        FastExpression screen = environment.compileCondition(outsideRbac).screen();
        assertThat(screen.test(new SummaryVariables(withReason(""), LISTS))).isTrue();
        assertThat(screen.test(new SummaryVariables(withReason("RBAC: allowed by ClusterRoleBinding \"x\""), LISTS)))
                .isFalse();
        assertThat(screen.test(new SummaryVariables(withReason(null), LISTS))).isFalse();
        FastExpression read = environment.compileCondition(
                "annotations['authorization.k8s.io/reason'] == ''").screen();
        assertThat(read.test(new SummaryVariables(withReason(null), LISTS))).as("no such key: CEL's error").isNull();
        for (String unknown : List.of("'authorization.k8s.io/other' in annotations",
                "annotations['authorization.k8s.io/decision'] == 'allow'", "size(annotations) > 0",
                "annotations.exists(k, k == 'authorization.k8s.io/reason')")) {
            FastExpression other = environment.compileCondition(unknown).screen();
            assertThat(other == null ? null : other.test(new SummaryVariables(withReason(""), LISTS)))
                    .as(unknown).isNull();
        }
    }

    @Test
    void aComprehensionVariableNamedAnnotationsIsNotTheEventsReason() throws Exception {
        FastExpression shadowed = environment.compileCondition("[{'authorization.k8s.io/reason': 'RBAC: x'}]"
                + ".exists(annotations, !annotations['authorization.k8s.io/reason'].startsWith('RBAC:'))").screen();
        assertThat(shadowed.test(new SummaryVariables(withReason(""), LISTS))).isNotEqualTo(Boolean.TRUE);
    }

    private static RequestSummary withReason(String reason) {
        return new RequestSummary(BOB.verb(), BOB.stage(), BOB.level(), BOB.apiGroup(), BOB.resource(),
                BOB.subresource(), BOB.namespace(), BOB.username(), BOB.groups(), BOB.responseCode(), BOB.decision(),
                reason, BOB.userAgent(), BOB.impersonated());
    }

    @Test
    void theUserAgentIsKnownOnlyWhenGiven() throws Exception {
        FastExpression screen = environment.compileCondition("userAgent.startsWith('kubectl/')").screen();
        assertThat(screen.test(new SummaryVariables(BOB, LISTS))).isNull();
        assertThat(screen.test(new SummaryVariables(BOB, LISTS, true, "kubectl/v1.30.2"))).isTrue();
        assertThat(screen.test(new SummaryVariables(BOB, LISTS, true, ""))).isFalse();
    }

    @Test
    void aComprehensionVariableNamedLikeAnEventVariableIsTheComprehensions() throws Exception {
        // CEL says true; reading the summary's user instead would say false (map literals are left to CEL)
        assertThat(screen("[{'username': 'z'}].exists(user, user.username == 'z')", BOB)).isNotEqualTo(false);
        assertThat(screen("[{'resource': 'z'}].exists(objectRef, objectRef.resource == 'z')", BOB))
                .isNotEqualTo(false);
    }

    @Test
    void aScreenSaysWhatItReadsSoThatDecisionsCanBeSharedAcrossTheRest() throws Exception {
        assertThat(environment.compileCondition("user.username in admins && objectRef.name == 'x'"
                + " && (is_anonymous || verb == 'get')").screenReads())
                .containsExactlyInAnyOrder("user.username", "admins", "user.groups", "verb");
        assertThat(environment.compileCondition("has(user.uid) && size(obj) > 0").screenReads()).isEmpty();
    }

    @Test
    void valuesHaveNoScreen() throws Exception {
        assertThat(environment.compileValue("user.username").screen()).isNull();
        assertThat(environment.compileCondition("verb == 'get'").mayHold(new SummaryVariables(BOB, LISTS))).isTrue();
        assertThat(environment.compileCondition("verb == 'put'").mayHold(new SummaryVariables(BOB, LISTS)))
                .isFalse();
    }

    @Test
    void thePodInObjectsKnownToHoldNoneIsEmptyAndElseUnknown() throws Exception {
        RequestSummary noPod = BOB.withMayHoldPod(false);
        Map<String, Boolean> decided = Map.of(
                "size(k8s.podSpec(obj)) > 0", false,
                "size(k8s.podSpec(request)) == 0 && size(k8s.podSpec(response)) == 0", true,
                "size(k8s.images(obj)) > 0", false,
                "size(pss.baselineFailures(obj)) > 0", false,
                "size(pss.baselineFailures(obj)) == 0 && size(pss.restrictedFailures(obj, partial)) > 0", false,
                "size(pss.restrictedFailures(obj, true)) == 0", true,
                "size(pss.baselineViolations(obj)) > 0 || size(pss.restrictedViolations(obj, false)) > 0", false,
                "verb == 'get' && size(k8s.podSpec(obj)) > 0 && obj.spec.x == 1", false);
        decided.forEach((condition, value) -> {
            FastExpression screen = compiledScreen(condition);
            assertThat(screen.test(new SummaryVariables(noPod, LISTS))).as(condition).isEqualTo(value);
            assertThat(screen.test(new SummaryVariables(BOB, LISTS))).as("may hold a pod: " + condition).isNull();
            assertThat(screen.reads()).as(condition).contains(SummaryVariables.NO_POD);
        });
        for (String unknown : List.of("size(k8s.podSpec(event)) > 0", "size(k8s.podSpec(obj.spec)) > 0",
                "size(pss.restrictedFailures(obj, size(user.uid) > 0)) > 0",
                "[{'spec': {'containers': [{}]}}].exists(obj, size(k8s.podSpec(obj)) > 0)",
                "[obj].exists(obj, size(k8s.images(obj)) > 0)", "size(k8s.podSpec(obj)) > 0 || has(obj.spec)",
                "k8s.controller(obj) != ''")) {
            FastExpression screen = compiledScreen(unknown);
            assertThat(screen == null ? null : screen.test(new SummaryVariables(noPod, LISTS))).as(unknown)
                    .isNotEqualTo(Boolean.FALSE);
        }
    }

    /** The values the screen gives are the functions' own for objects without a pod. */
    @Test
    void theEmptyValuesAreWhatThePodFunctionsGiveWithoutAPod() throws Exception {
        List<Map<String, Object>> podFree = List.of(Map.of(), Map.of("kind", "Lease", "spec",
                        Map.of("holderIdentity", "n1", "leaseDurationSeconds", 40L)),
                Map.of("kind", "ConfigMap", "data", Map.of("containers", "x")),
                Map.of("spec", Map.of("selector", Map.of("template", 1L))), Map.of("spec", "containers"));
        int checked = 0;
        for (var binding : RuleFunctions.bindings()) {
            Object empty = RuleFunctions.valueWithoutPod(binding.getOverloadId());
            if (empty == null) {
                continue;
            }
            for (Map<String, Object> object : podFree) {
                for (Object partial : List.of(true, false)) {
                    Object[] args = binding.getArgTypes().size() == 1 ? new Object[] {object}
                            : new Object[] {object, partial};
                    assertThat(binding.getDefinition().apply(args)).as(binding.getOverloadId()).isEqualTo(empty);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(6 * 5 * 2);
    }

    private FastExpression compiledScreen(String condition) {
        try {
            return environment.compileCondition(condition).screen();
        } catch (Exception e) {
            throw new AssertionError(condition, e);
        }
    }

    private Boolean screen(String condition, RequestSummary summary) throws Exception {
        FastExpression screen = environment.compileCondition(condition).screen();
        return screen == null ? null : screen.test(new SummaryVariables(summary, LISTS));
    }
}
