package dev.vigil.streams.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Rule files that cannot be loaded: every problem found, not just the first, so one run shows them all. */
public final class RuleLoadException extends RuntimeException {

    private final transient List<RuleProblem> problems;

    public RuleLoadException(List<RuleProblem> problems) {
        super(problems.size() + " problem(s) in the rule files:\n  "
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
