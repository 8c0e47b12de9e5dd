package dev.vigil.model.rule;

import java.util.List;
import java.util.Optional;

/**
 * The rules this installation loaded, as the read side sees them: what each rule is, not how it is evaluated. The
 * streams module's engine publishes it; the compliance API and the console's rules page read it without depending
 * on the engine.
 */
public interface RuleCatalog {

    /** Every loaded rule, bundled and the user's, in a stable order. */
    List<RuleMeta> rules();

    /** How to tune a rule (lists, exceptions, parameters, what it waits for); empty when unknown. */
    default Optional<RuleTuning> tuning(String id) {
        return Optional.empty();
    }
}
