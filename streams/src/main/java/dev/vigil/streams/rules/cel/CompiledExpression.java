package dev.vigil.streams.rules.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * A CEL expression compiled once at load and evaluated per event; the program is immutable and thread-safe. A
 * condition also carries its {@link FastCondition}, which decides most events in Java and leaves the rest (and
 * every value expression) to the CEL program.
 */
public record CompiledExpression(String source, CelRuntime.Program program, FastCondition fast) {

    public CompiledExpression(String source, CelRuntime.Program program) {
        this(source, program, null);
    }

    public Object eval(EventActivation activation) throws CelEvaluationException {
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
