package dev.vigil.streams.rules;

/**
 * The outcome of one embedded rule test.
 *
 * @param failure why it failed, or null when it passed
 */
public record RuleTestResult(String ruleId, String file, RuleTestCase testCase, String failure) {

    public boolean passed() {
        return failure == null;
    }

    @Override
    public String toString() {
        return (passed() ? "PASS " : "FAIL ") + ruleId + " " + (testCase.fire() ? "fire" : "no_fire") + " "
                + testCase.name() + (passed() ? "" : ": " + failure);
    }
}
