package dev.vigil.streams.rules;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Loads the rules for every role that needs them (not role-guarded): the streams role evaluates them, the
 * alerting role's compliance API and the console's rules page read their metadata. A rule file that does not
 * load stops startup with every problem listed ({@link RuleLoadException}); check files first with
 * {@code vigil rules validate DIR}.
 */
@AutoConfiguration
@EnableConfigurationProperties(RulesProperties.class)
public class RulesAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(DetectionEngine.class)
    public RuleEngine ruleEngine(RulesProperties properties, ObjectProvider<MeterRegistry> registry) {
        RuleEngine engine = RuleEngine.load(properties);
        registry.ifAvailable(meters -> bindMetrics(engine, meters));
        return engine;
    }

    /** {@code vigil.rules.loaded} and, per rule, {@code vigil.rules.evaluation.errors{rule}}. */
    static void bindMetrics(RuleEngine engine, MeterRegistry meters) {
        Gauge.builder("vigil.rules.loaded", engine, e -> e.rules().size())
                .description("Rules loaded (bundled and user rules)")
                .register(meters);
        for (String id : engine.evaluationErrors().keySet()) {
            FunctionCounter.builder("vigil.rules.evaluation.errors", engine,
                            e -> e.evaluationErrors().getOrDefault(id, 0L))
                    .tag("rule", id)
                    .description("Evaluations of a rule that failed with a CEL runtime error (the rule did not fire)")
                    .register(meters);
        }
    }
}
