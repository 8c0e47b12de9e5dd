package dev.vigil.streams.rules.cel;

/**
 * A rule expression that does not compile.
 *
 * @see #position() where: {@code line:column} in the author's text, prefixed with {@code macro <name>} when the
 * error lies in a macro the expression uses; empty when no position applies
 */
public final class CelCompileException extends Exception {

    private final String position;

    public CelCompileException(String position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    public String position() {
        return position;
    }
}
