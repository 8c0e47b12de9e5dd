package dev.vigil.streams.rules.cel;

import dev.vigil.model.audit.RequestSummary;

import java.util.List;
import java.util.Map;

/**
 * What a rule condition can know of an event from its {@link RequestSummary} alone: the values the
 * {@linkplain FastExpression#screenOf screen} of a condition reads, each exactly as {@link EventActivation} gives it
 * for any event of that summary (the summary keeps {@code ""}, {@code -1} and empty lists as the activation does),
 * and the named lists. The summary says neither whether the request impersonated someone nor its user agent: when
 * the caller knows the event carries no {@code impersonatedUser}, its username and groups are the activation's empty
 * ones, and the user agent is known when the caller gives it; that the event's objects hold no pod, when the summary
 * says so ({@link #NO_POD}). Everything else is unknown (null).
 */
public final class SummaryVariables implements FastExpression.Variables {

    /** What a screen reads for {@code annotations['authorization.k8s.io/reason']}: the value, unknown when absent. */
    public static final String REASON = "annotations[reason]";
    /** What a screen reads for {@code 'authorization.k8s.io/reason' in annotations}: whether there is one. */
    public static final String REASON_PRESENT = "reason in annotations";
    /**
     * What a screen reads for the pod functions of the event's objects ({@code k8s.podSpec(obj)}, …): true when the
     * summary says the objects hold no pod ({@link RequestSummary#mayHoldPod()} false), unknown otherwise.
     */
    public static final String NO_POD = "no pod in objects";

    private final RequestSummary summary;
    private final Map<String, List<String>> lists;
    private final boolean impersonated;
    private final String userAgent;

    /** For any event with this summary, impersonating or not, whatever its user agent. */
    public SummaryVariables(RequestSummary summary, Map<String, List<String>> lists) {
        this(summary, lists, true, null);
    }

    /**
     * @param impersonated false only for an event known to carry no {@code impersonatedUser}; true when it does or
     *                     may (its user is then unknown)
     * @param userAgent    the event's user agent as the rules see it ({@code ""} when none), null when unknown
     */
    public SummaryVariables(RequestSummary summary, Map<String, List<String>> lists, boolean impersonated,
                            String userAgent) {
        this.summary = summary;
        this.lists = lists;
        this.impersonated = impersonated;
        this.userAgent = userAgent;
    }

    @Override
    public Object value(String name) {
        return switch (name) {
            case RuleVariables.VERB -> summary.verb();
            case RuleVariables.STAGE -> summary.stage();
            case RuleVariables.LEVEL -> summary.level();
            case RuleVariables.RESPONSE_CODE -> (long) summary.responseCode();
            case RuleVariables.DECISION -> summary.decision();
            case RuleVariables.USER_AGENT -> userAgent;
            case "user.username" -> summary.username();
            case "user.groups" -> summary.groups();
            case "impersonatedUser.username" -> impersonated ? null : "";
            case "impersonatedUser.groups" -> impersonated ? null : List.of();
            case "objectRef.apiGroup" -> summary.apiGroup();
            case "objectRef.resource" -> summary.resource();
            case "objectRef.subresource" -> summary.subresource();
            case "objectRef.namespace" -> summary.namespace();
            case REASON -> summary.reason(); // absent: CEL's "no such key" error, unknown here
            case REASON_PRESENT -> summary.reason() != null;
            case NO_POD -> summary.mayHoldPod() ? null : Boolean.TRUE;
            // a list; never a variable of the event (the screen asks for none of those, but be sure)
            default -> RuleVariables.NAMES.contains(name) || name.indexOf('.') >= 0 ? null : lists.get(name);
        };
    }
}
