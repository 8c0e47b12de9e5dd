package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.rule.RuleStatus;
import dev.vigil.model.rule.RuleTuning;
import dev.cel.runtime.CelEvaluationException;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.RequestSummary;
import dev.vigil.streams.rules.cel.EventActivation;
import dev.vigil.streams.rules.file.RuleLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CEL rule engine: loads the bundled rules, the user's rule folder and configuration, compiles every
 * expression once, and evaluates an audit event only against the rules whose match can apply to it.
 * Evaluation never throws: a rule that fails on an event (a CEL runtime error) does not fire for it, and the
 * failure is counted per rule ({@link #evaluationErrors()}) and logged at debug. Thread-safe.
 */
public final class RuleEngine implements DetectionEngine {

    /** The rule-file format this engine reads; files declare the version they need. */
    public static final int ENGINE_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    private final Map<String, List<String>> lists;
    /** Per stream thread, the activation of the event evaluated last (see {@link #activation}). */
    private final ThreadLocal<EventActivation> lastActivation = new ThreadLocal<>();
    private final List<CompiledRule> auditRules;
    private final Map<String, RuleMeta> metas;
    private final Map<String, RuleSet.SourcedRule> sources;
    private final Set<String> disabled;
    private final Map<String, List<String>> inactive;
    private final RuleIndex index;
    private final LongLivedPodPolicy longLivedPod;
    private final Map<String, WatchRulePolicy> watchRules;
    private final StatefulRules stateful;
    private final DetectionScreen screen;
    private final List<String> overrides;

    private final Map<String, RuleTuning> tunings;

    private RuleEngine(RuleSet set, List<CompiledRule> auditRules, Map<String, RuleMeta> metas,
                       Map<String, RuleTuning> tunings, LongLivedPodPolicy longLivedPod,
                       Map<String, WatchRulePolicy> watchRules, List<CompiledStatefulRule> stateful) {
        this.lists = set.lists();
        this.auditRules = List.copyOf(auditRules);
        this.metas = Collections.unmodifiableMap(new LinkedHashMap<>(metas));
        Map<String, RuleSet.SourcedRule> bySource = new LinkedHashMap<>();
        set.rules().forEach(rule -> bySource.put(rule.spec().id(), rule));
        this.sources = Collections.unmodifiableMap(bySource);
        this.disabled = set.disabled();
        this.inactive = inactive(auditRules, lists);
        this.index = new RuleIndex(auditRules.stream()
                .filter(r -> !disabled.contains(r.meta().id()) && !inactive.containsKey(r.meta().id())).toList());
        this.longLivedPod = longLivedPod;
        this.watchRules = Map.copyOf(watchRules);
        this.stateful = new StatefulRules(stateful, disabled);
        this.screen = new DetectionScreen(index, this.stateful, lists);
        this.overrides = set.overrides();
        Map<String, RuleTuning> withState = new LinkedHashMap<>();
        tunings.forEach((id, tuning) -> withState.put(id, new RuleTuning(tuning.lists(), tuning.exceptions(),
                tuning.exceptionSets(), tuning.params(), tuning.inactiveUntil(), inactive.containsKey(id))));
        this.tunings = Collections.unmodifiableMap(withState);
    }

    /** Bundled rules, the configured user folder ({@code vigil.rules.directory}) and configuration. */
    public static RuleEngine load(RulesProperties properties) {
        return load(properties, List.of());
    }

    /**
     * Bundled rules, the configured user folder, then {@code extra} rule files or folders (in order; later files
     * replace rules of earlier ones by id). Throws {@link RuleLoadException} listing every problem found.
     */
    public static RuleEngine load(RulesProperties properties, List<Path> extra) {
        List<RuleLocation> locations = new ArrayList<>(RuleLocation.bundled());
        List<Path> folders = new ArrayList<>();
        if (properties.directory() != null) {
            folders.add(properties.directory());
        }
        folders.addAll(extra);
        List<RuleProblem> missing = new ArrayList<>();
        for (Path folder : folders) {
            try {
                locations.addAll(RuleLocation.in(folder));
            } catch (IOException e) {
                missing.add(new RuleProblem(folder.toString(), "", "", e.getMessage()));
            }
        }
        if (!missing.isEmpty()) {
            throw new RuleLoadException(missing);
        }
        return load(locations, properties);
    }

    /** Exactly these rule files (no bundled rules unless listed), with configuration applied. */
    public static RuleEngine load(List<RuleLocation> locations, RulesProperties properties) {
        RuleSet set = RuleSetLoader.load(locations, properties);
        List<RuleProblem> problems = new ArrayList<>(set.problems());
        RuleCompiler compiler = new RuleCompiler(set);
        StatefulRuleCompiler statefulCompiler = new StatefulRuleCompiler(compiler);
        Map<String, RuleMeta> metas = new LinkedHashMap<>();
        Map<String, RuleTuning> tunings = new LinkedHashMap<>();
        List<CompiledRule> audit = new ArrayList<>();
        List<CompiledStatefulRule> stateful = new ArrayList<>();
        for (RuleSet.SourcedRule rule : set.rules()) {
            RuleMeta meta = compiler.meta(rule);
            if (meta != null) {
                metas.put(meta.id(), meta);
                tunings.put(meta.id(), compiler.tuning(rule));
            }
            if (rule.spec().isStateful()) {
                CompiledStatefulRule compiled = statefulCompiler.compile(rule, meta);
                if (compiled != null) {
                    stateful.add(compiled);
                }
            } else if (!rule.spec().isWatch()) {
                CompiledRule compiled = compiler.compile(rule, meta);
                if (compiled != null) {
                    audit.add(compiled);
                }
            }
        }
        problems.addAll(compiler.problems());
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        RuleEngine engine = new RuleEngine(set, audit, metas, tunings, LongLivedPodPolicies.of(set, properties, problems),
                WatchRulePolicies.of(set, problems), stateful);
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        LOG.info("Loaded {} rules ({} on audit events, {} stateful; disabled: {})", metas.size(), audit.size(),
                stateful.size(), engine.disabled);
        engine.inactiveNotices().forEach(LOG::info);
        return engine;
    }

    /** What start-up logs for each rule waiting for a list: the rule and the property that activates it. */
    List<String> inactiveNotices() {
        return inactive.entrySet().stream().filter(rule -> !disabled.contains(rule.getKey()))
                .map(rule -> "Rule " + rule.getKey() + " is inactive until " + String.join(" or ", rule.getValue())
                        + " is set")
                .toList();
    }

    /** Rules whose {@code inactive_until} lists are all empty, each with the properties that would activate it. */
    private static Map<String, List<String>> inactive(List<CompiledRule> rules, Map<String, List<String>> lists) {
        Map<String, List<String>> inactive = new LinkedHashMap<>();
        for (CompiledRule rule : rules) {
            List<String> needed = rule.spec().inactiveUntil();
            if (!needed.isEmpty() && needed.stream().allMatch(list -> lists.getOrDefault(list, List.of()).isEmpty())) {
                inactive.put(rule.meta().id(), needed.stream()
                        .map(list -> "vigil.rules.lists." + list.replace('_', '-')).toList());
            }
        }
        return Collections.unmodifiableMap(inactive);
    }

    @Override
    public List<Detection> evaluate(AuditRecord record) {
        if (record == null || record.event() == null) {
            return List.of();
        }
        List<CompiledRule> candidates = index.candidates(EventKey.of(record.event()));
        if (candidates.isEmpty()) {
            return List.of();
        }
        EventActivation activation = activation(record);
        List<Detection> detections = null;
        for (CompiledRule rule : candidates) {
            Detection detection = detect(rule, activation);
            if (detection != null) {
                if (detections == null) {
                    detections = new ArrayList<>(2);
                }
                detections.add(detection);
            }
        }
        return detections == null ? List.of() : detections;
    }

    /** Decided by the rules' screens over the event's summary, impersonation and user agent (see DetectionScreen). */
    @Override
    public boolean mayMatch(AuditRecord record) {
        return record != null && record.event() != null
                && screen.mayMatch(DetectionScreen.Request.of(record.event()));
    }

    /** Decided by the rules' screens over the summary alone, once per distinct summary ({@link DetectionScreen}). */
    @Override
    public boolean mayMatch(RequestSummary summary) {
        return summary != null && screen.mayMatch(DetectionScreen.Request.of(summary));
    }

    /**
     * Which enabled rules keep events with this summary from being screened out (stateful rules as {@code id#step}):
     * the candidates whose condition the summary alone cannot rule out. Empty when {@link #mayMatch(RequestSummary)}
     * is false; for diagnostics and measurements, not the per-event path.
     */
    public List<String> screenKeptBy(RequestSummary summary) {
        return screen.keptBy(DetectionScreen.Request.of(summary));
    }

    /** As {@link #screenKeptBy(RequestSummary)}, for what {@link #mayMatch(AuditRecord)} knows of the event. */
    public List<String> screenKeptBy(AuditRecord record) {
        return screen.keptBy(DetectionScreen.Request.of(record.event()));
    }

    /** One rule on one event, errors contained: the rule simply does not fire. */
    static Detection detect(CompiledRule rule, EventActivation activation) {
        try {
            return rule.detect(activation);
        } catch (CelEvaluationException | RuntimeException e) {
            rule.countError();
            if (LOG.isDebugEnabled()) {
                LOG.debug("Rule {} failed on audit event {}: {}", rule.meta().id(),
                        activation.record().event().auditID(), e.getMessage());
            }
            return null;
        }
    }

    @Override
    public List<StatefulDetection> evaluateStateful(AuditRecord record) {
        return stateful.evaluate(record, this::activation);
    }

    /**
     * The variables of one event, shared by the audit rules and the stateful rules' steps: the topology hands the
     * same record to both, one after the other on the same stream thread, so the user, groups and the parsed
     * object are built once per event instead of once per pass.
     */
    private EventActivation activation(AuditRecord record) {
        EventActivation last = lastActivation.get();
        if (last != null && last.record() == record) {
            return last;
        }
        EventActivation activation = new EventActivation(record, lists);
        lastActivation.set(activation);
        return activation;
    }

    @Override
    public List<StatefulRule> statefulRules() {
        return stateful.enabled();
    }

    @Override
    public Optional<RuleMeta> rule(String id) {
        return Optional.ofNullable(metas.get(id));
    }

    @Override
    public Optional<RuleTuning> tuning(String id) {
        return Optional.ofNullable(tunings.get(id));
    }

    @Override
    public List<RuleMeta> rules() {
        return List.copyOf(metas.values());
    }

    /** The rule file a rule was loaded from (the user's when it replaced a bundled one). */
    public Optional<String> sourceOf(String id) {
        return Optional.ofNullable(sources.get(id)).map(rule -> rule.location().name());
    }

    @Override
    public boolean isDisabled(String id) {
        return disabled.contains(id);
    }

    @Override
    public RuleStatus status(String id) {
        String source = sourceOf(id).orElse(null);
        if (disabled.contains(id)) {
            return new RuleStatus(RuleStatus.DISABLED, "disabled by vigil.rules.disabled", List.of(), source);
        }
        List<String> needed = inactive.get(id);
        if (needed != null) {
            return new RuleStatus(RuleStatus.INACTIVE, "inactive until " + String.join(" or ", needed) + " has entries",
                    needed, source);
        }
        return RuleStatus.enabled(source);
    }

    /**
     * Rules that are loaded but not evaluated because the lists they need are empty ({@code inactive_until}), with
     * the properties that would activate each, e.g. {@code untrusted-image → [vigil.rules.lists.trusted-registries]}.
     */
    public Map<String, List<String>> inactive() {
        return inactive;
    }

    /** Evaluations that failed with a runtime error, per rule id (rules without failures included as 0). */
    public Map<String, Long> evaluationErrors() {
        Map<String, Long> errors = new LinkedHashMap<>();
        auditRules.forEach(rule -> errors.put(rule.meta().id(), rule.errors()));
        return errors;
    }

    /** Parameters of {@code long-lived-pod} for the pod tracker. */
    public LongLivedPodPolicy longLivedPod() {
        return longLivedPod;
    }

    @Override
    public Optional<LongLivedPodPolicy> longLivedPodPolicy() {
        return Optional.of(longLivedPod);
    }

    @Override
    public Optional<WatchRulePolicy> watchRule(String id) {
        return Optional.ofNullable(watchRules.get(id));
    }

    /** What each list or macro marked {@code override: true} replaced, as logged at start-up. */
    public List<String> overrides() {
        return overrides;
    }

    /** The named lists as loaded and extended by configuration. */
    public Map<String, List<String>> lists() {
        return lists;
    }

    /** A rule's embedded test cases, fixtures read (used for watch rules, whose logic lives in the topology). */
    public List<RuleTestCase> tests(String id) throws IOException {
        RuleSet.SourcedRule rule = sources.get(id);
        return rule == null ? List.of() : RuleTestCases.of(rule.spec().tests(), rule.location());
    }

    /** Runs the embedded tests of every audit rule (also disabled ones); watch rules are tested by the topology. */
    public List<RuleTestResult> runTests() {
        List<RuleTestResult> results = new ArrayList<>();
        for (CompiledRule rule : auditRules) {
            results.addAll(RuleTestRunner.run(rule, sources.get(rule.meta().id()).location(), lists));
        }
        return results;
    }
}
