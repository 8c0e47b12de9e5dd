package dev.vigil.streams.rules;

import dev.vigil.streams.rules.file.RuleException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Site-specific tuning of the rules without editing rule files ({@code vigil.rules.*}).
 *
 * @param directory    folder of user rule files ({@code *.yaml}, {@code *.yml}); a rule there with the id of a
 *                     bundled rule replaces it, others are added; a list or macro with the name of a bundled one
 *                     must be marked {@code override: true} (see docs/rules.md). Unset: bundled rules only
 * @param lists        entries appended to named lists of the rule files, e.g.
 *                     {@code vigil.rules.lists.network-admins=alice@example.com,netops-bot} ({@code -} in a name
 *                     stands for {@code _}); naming a list no rule file defines is an error. Some rules stay
 *                     inactive until a list has entries, and start-up names them: untrusted-image
 *                     ({@code trusted-registries}, {@code mutable-tags}), system-identity-from-outside
 *                     ({@code cluster-cidrs})
 * @param exceptions   extra allow-list entries per rule id (or shared exception set, e.g.
 *                     {@code system-controllers}) and entry name, e.g.
 *                     {@code vigil.rules.exceptions.privileged-pod.monitoring.namespaces=monitoring}; an entry with
 *                     the name of one in the rule file extends it
 * @param disabled     ids of rules that are loaded (and listed) but never evaluated
 * @param longLivedPod parameters of the {@code long-lived-pod} rule
 * @param params       rule parameters replacing the {@code params} of the rule files, per rule id and parameter,
 *                     e.g. {@code vigil.rules.params.forbidden-burst.threshold=50} or
 *                     {@code vigil.rules.params.new-exec-principal.history=30d} (durations as {@code 10m},
 *                     {@code 14d}, {@code 0s}); naming a rule or parameter the rule does not have is an error
 */
@ConfigurationProperties("vigil.rules")
@Validated
public record RulesProperties(Path directory,
                              Map<String, List<String>> lists,
                              Map<String, Map<String, RuleException>> exceptions,
                              Set<@NotBlank String> disabled,
                              @Valid LongLivedPod longLivedPod,
                              Map<String, Map<String, String>> params) {

    @ConstructorBinding
    public RulesProperties {
        lists = lists == null ? Map.of() : new LinkedHashMap<>(lists);
        exceptions = exceptions == null ? Map.of() : new LinkedHashMap<>(exceptions);
        disabled = disabled == null ? Set.of() : Set.copyOf(disabled);
        longLivedPod = longLivedPod == null ? new LongLivedPod(null, null, null) : longLivedPod;
        params = params == null ? Map.of() : new LinkedHashMap<>(params);
    }

    public RulesProperties(Path directory, Map<String, List<String>> lists,
                           Map<String, Map<String, RuleException>> exceptions, Set<String> disabled,
                           LongLivedPod longLivedPod) {
        this(directory, lists, exceptions, disabled, longLivedPod, null);
    }

    /** Bundled rules only, nothing tuned. */
    public static RulesProperties defaults() {
        return new RulesProperties(null, null, null, null, null);
    }

    public RulesProperties withDirectory(Path userDirectory) {
        return new RulesProperties(userDirectory, lists, exceptions, disabled, longLivedPod, params);
    }

    /**
     * Parameters of the {@code long-lived-pod} rule (BSI APP.4.4.A21: restart pods regularly).
     *
     * @param limit             age after which a running pod is reported; unset: the rule file's
     *                          {@code params.limit} (24h in the bundled rule)
     * @param exemptNamespaces  namespaces whose pods are never reported (added to the rule's namespace exceptions)
     * @param exemptLabels      pods with one of these labels are never reported; a value of {@code *} matches
     *                          any value of that label
     */
    public record LongLivedPod(Duration limit, Set<String> exemptNamespaces, Map<String, String> exemptLabels) {

        public LongLivedPod {
            if (limit != null && (limit.isNegative() || limit.isZero())) {
                throw new IllegalArgumentException("vigil.rules.long-lived-pod.limit must be positive, not " + limit);
            }
            exemptNamespaces = exemptNamespaces == null ? Set.of() : Set.copyOf(exemptNamespaces);
            exemptLabels = exemptLabels == null ? Map.of() : Map.copyOf(exemptLabels);
        }
    }
}
