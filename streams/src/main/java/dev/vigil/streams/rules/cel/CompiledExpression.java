package dev.vigil.streams.rules.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * A CEL expression compiled once at load and evaluated per event; the program is immutable and thread-safe. It
 * also carries its {@link FastExpression}, which gives most answers in Java and leaves the rest to the program.
 */
public record CompiledExpression(String source, CelRuntime.Program program, FastExpression fast) {

    public CompiledExpression(String source, CelRuntime.Program program) {
        this(source, program, null);
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
