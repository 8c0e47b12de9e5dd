package dev.vigil.streams.rules.cel;

import dev.cel.runtime.CelEvaluationException;

import java.util.ArrayList;
import java.util.List;

/**
 * An alert message with {@code {{expression}}} placeholders, each a CEL value expression over the event
 * (e.g. {@code {{user.username}} {{k8s.verbPast(verb)}} {{k8s.target(objectRef, path)}}}), compiled once.
 * A placeholder that fails on one event renders as {@code ?} rather than losing the alert.
 */
public final class MessageTemplate {

    private final List<Object> parts;

    private MessageTemplate(List<Object> parts) {
        this.parts = parts;
    }

    public static MessageTemplate compile(CelRuleEnvironment environment, String text) throws CelCompileException {
        List<Object> parts = new ArrayList<>();
        int at = 0;
        int placeholder = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(text.substring(at));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new CelCompileException("column " + (open + 1), "unclosed {{ in message");
            }
            if (open > at) {
                parts.add(text.substring(at, open));
            }
            placeholder++;
            try {
                parts.add(environment.compileValue(text.substring(open + 2, close).trim()));
            } catch (CelCompileException e) {
                throw new CelCompileException("placeholder " + placeholder + " " + e.position(), e.getMessage());
            }
            at = close + 2;
        }
        return new MessageTemplate(List.copyOf(parts));
    }

    public String render(EventActivation activation) {
        StringBuilder message = new StringBuilder(128);
        for (Object part : parts) {
            if (part instanceof CompiledExpression expression) {
                try {
                    message.append(CelValues.toText(expression.eval(activation)));
                } catch (CelEvaluationException | RuntimeException e) {
                    message.append('?');
                }
            } else {
                message.append(part);
            }
        }
        return message.toString();
    }
}
