package dev.vigil.streams.rules.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/** A CEL expression compiled once at load and evaluated per event; the program is immutable and thread-safe. */
public record CompiledExpression(String source, CelRuntime.Program program) {

    public Object eval(EventActivation activation) throws CelEvaluationException {
        return program.eval(activation);
    }

    /** Evaluates a condition: anything but {@code true} is false. */
    public boolean test(EventActivation activation) throws CelEvaluationException {
        return Boolean.TRUE.equals(program.eval(activation));
    }
}
