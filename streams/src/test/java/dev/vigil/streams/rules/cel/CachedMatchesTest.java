package dev.vigil.streams.rules.cel;

import dev.cel.common.CelOptions;
import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.runtime.CelEvaluationException;
import dev.vigil.model.audit.AuditRecordCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code matches()} with cached patterns behaves as CEL's standard function: RE2, a search unless told otherwise. */
class CachedMatchesTest {

    private final CachedMatches matches = new CachedMatches(CelOptions.current().build());

    @Test
    void searchesTheTextAsTheCelSpecSays() throws Exception {
        assertThat(matches.matches("system:serviceaccount:shop:default", "^system:serviceaccount:[^:]+:default$"))
                .isEqualTo(true);
        assertThat(matches.matches("system:serviceaccount:shop:default-reader", "^system:serviceaccount:[^:]+:default$"))
                .isEqualTo(false);
        assertThat(matches.matches("abc", "b")).isEqualTo(true);
        assertThat(matches.matches("abc", "b")).as("cached pattern, same answer").isEqualTo(true);
        assertThat(matches.matches("abc", "^b")).isEqualTo(false);
    }

    @Test
    void wholeTextMatchFollowsTheOption() throws Exception {
        CachedMatches whole = new CachedMatches(CelOptions.current().enableRegexPartialMatch(false).build());
        assertThat(whole.matches("abc", "b")).isEqualTo(false);
        assertThat(whole.matches("abc", "a.c")).isEqualTo(true);
    }

    @Test
    void invalidAndOversizedPatternsAreEvaluationErrors() {
        assertThatThrownBy(() -> matches.matches("a", "(")).isInstanceOf(CelInvalidArgumentException.class);
        CachedMatches small = new CachedMatches(CelOptions.current().maxRegexProgramSize(5).build());
        assertThatThrownBy(() -> small.matches("a", "a{20}")).isInstanceOf(CelInvalidArgumentException.class)
                .hasMessageContaining("exceeds allowed program size");
    }

    @Test
    void ruleConditionsUseBothOverloads() throws CelCompileException, CelEvaluationException {
        CelRuleEnvironment environment = new CelRuleEnvironment(List.of(), Map.of());
        EventActivation event = new EventActivation(AuditRecordCodec.decode("""
                {"kind":"Event","cluster":"prod-1","receivedAt":"2024-05-02T10:00:00Z","verb":"get",
                 "user":{"username":"system:serviceaccount:shop:default"}}""".getBytes(StandardCharsets.UTF_8))
                .value(), Map.of());
        assertThat(environment.compileCondition("user.username.matches(':shop:default$')").test(event)).isTrue();
        assertThat(environment.compileCondition("user.username.matches('^:shop')").test(event)).isFalse();
        assertThat(environment.compileCondition("matches(user.username, '^system:.*:default$')").test(event)).isTrue();
        assertThat(environment.compileCondition("verb.matches('^(get|list)$') && !verb.matches('^l')").test(event))
                .isTrue();
    }
}
