package dev.vigil.streams.rules.pss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a Pod or a workload's pod template against the Pod Security Standards, reporting failed checks with
 * the names upstream {@code k8s.io/pod-security-admission} uses, so an alert reads like the API server's own
 * PodSecurity warning. Objects are plain maps (CEL values); an object without a pod passes everything.
 */
public final class PodSecurityStandards {

    /**
     * The upstream policy version the checks follow ({@code k8s.io/pod-security-admission}, tag
     * {@value #UPSTREAM_RELEASE}): Vigil judges every pod as a namespace labelled {@code latest} would be judged
     * by that release. The bundled rule files and {@code pss-fixtures/SOURCES.md} name the same version.
     */
    public static final String POLICY_VERSION = "v1.37";

    /** The upstream release (Go module tag) whose {@code policy/check_*.go} the checks were compared with. */
    public static final String UPSTREAM_RELEASE = "v0.37.0-alpha.2";

    /**
     * The last result per thread and level: the rules of one event (condition, message, details of several rules)
     * all ask about the same object instance, which is judged once.
     */
    private static final ThreadLocal<Memo> LAST_BASELINE = ThreadLocal.withInitial(Memo::new);
    private static final ThreadLocal<Memo> LAST_RESTRICTED = ThreadLocal.withInitial(Memo::new);

    private static final class Memo {
        private Object object;
        private boolean partial;
        private Map<String, String> result;
    }

    private PodSecurityStandards() {
    }

    /**
     * Names of the failed baseline checks, in Vigil's fixed check order (upstream sorts its messages by check id);
     * empty when the object has no pod or passes.
     */
    public static List<String> baselineFailures(Object object) {
        return List.copyOf(violations(BaselineChecks.CHECKS, object, false).keySet());
    }

    /**
     * Names of the failed checks that the restricted level adds to baseline.
     *
     * @param partial the object is only what a patch sets: unset fields are unknown and do not fail
     */
    public static List<String> restrictedFailures(Object object, boolean partial) {
        return List.copyOf(violations(RestrictedChecks.CHECKS, object, partial).keySet());
    }

    /** Failed baseline checks with a sentence each, for alert evidence. */
    public static Map<String, String> baselineViolations(Object object) {
        return violations(BaselineChecks.CHECKS, object, false);
    }

    /** Failed restricted-only checks with a sentence each, for alert evidence. */
    public static Map<String, String> restrictedViolations(Object object, boolean partial) {
        return violations(RestrictedChecks.CHECKS, object, partial);
    }

    /** Every check name of a level, in the order failures are reported (for documentation and tests). */
    public static List<String> checkNames(boolean restricted) {
        List<String> names = new ArrayList<>();
        for (PssCheck check : restricted ? RestrictedChecks.CHECKS : BaselineChecks.CHECKS) {
            names.add(check.id());
        }
        return names;
    }

    private static Map<String, String> violations(List<PssCheck> checks, Object object, boolean partial) {
        Memo memo = (checks == BaselineChecks.CHECKS ? LAST_BASELINE : LAST_RESTRICTED).get();
        if (memo.object == object && memo.partial == partial && memo.result != null) {
            return memo.result;
        }
        Map<String, String> result = judge(checks, object, partial);
        memo.object = object;
        memo.partial = partial;
        memo.result = result;
        return result;
    }

    private static Map<String, String> judge(List<PssCheck> checks, Object object, boolean partial) {
        Optional<PodTemplate> pod = PodTemplate.of(object);
        if (pod.isEmpty()) {
            return Map.of();
        }
        Map<String, String> failed = new LinkedHashMap<>();
        for (PssCheck check : checks) {
            check.violation(pod.get(), partial).ifPresent(detail -> failed.put(check.id(), detail));
        }
        return Collections.unmodifiableMap(failed);
    }
}
