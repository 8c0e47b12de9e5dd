package dev.vigil.console.query;

/**
 * A query parameter of the read API that is unknown or has a bad value: answered 400 with the parameter named in the
 * problem detail's {@code parameter} member.
 */
public class InvalidParameterException extends IllegalArgumentException {

    private final String parameter;

    public InvalidParameterException(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
