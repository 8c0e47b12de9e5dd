package dev.vigil.console.rules;

import dev.vigil.model.rule.RuleCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Comparator;
import java.util.List;

/** {@code GET /v1/rules}: the rules this instance loaded, bundled and user-supplied, with their metadata. */
@RestController
class RulesController {

    private final RuleCatalog catalog;

    RulesController(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/v1/rules")
    Rules rules() {
        return new Rules(catalog.rules().stream()
                .map(rule -> RuleView.of(rule, catalog.tuning(rule.id()).orElse(null)))
                .sorted(Comparator.comparing(RuleView::id))
                .toList());
    }

    record Rules(List<RuleView> rules) {
    }
}
