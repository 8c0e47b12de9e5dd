package dev.vigil.streams.rules.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.Set;

/**
 * A CEL expression compiled once at load and evaluated per event; the program is immutable and thread-safe. It
 * also carries its {@link FastExpression}, which gives most answers in Java and leaves the rest to the program, and
 * for a condition its screen (null for values), which tells from a request's summary alone when it cannot hold.
 */
public record CompiledExpression(String source, CelRuntime.Program program, FastExpression fast,
                                 FastExpression screen) {

    public CompiledExpression(String source, CelRuntime.Program program) {
        this(source, program, null, null);
    }

    public CompiledExpression(String source, CelRuntime.Program program, FastExpression fast) {
        this(source, program, fast, null);
    }

    /**
     * False only when this condition is false for every event with the request attributes of {@code request}
     * (decided by its screen); true when it may hold or when only the whole event can tell.
     */
    public boolean mayHold(SummaryVariables request) {
        return screen == null || screen.test(request) != Boolean.FALSE;
    }

    /** The names {@link #mayHold} reads (see {@link SummaryVariables}); no other attribute changes its answer. */
    public Set<String> screenReads() {
        return screen == null ? Set.of() : screen.reads();
    }

    public Object eval(EventActivation activation) throws CelEvaluationException {
        if (fast != null) {
            Object value = fast.value(activation);
            if (value != null) {
                return value;
            }
        }
        return program.eval(activation);
    }

    /** Evaluates a condition: anything but {@code true} is false. */
    public boolean test(EventActivation activation) throws CelEvaluationException {
        if (fast != null) {
            Boolean decided = fast.test(activation);
            if (decided != null) {
                return decided;
            }
        }
        return Boolean.TRUE.equals(program.eval(activation));
    }
}
