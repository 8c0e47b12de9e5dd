package dev.vigil.streams.rules.cel;

import com.google.re2j.Pattern;
import dev.cel.common.CelOptions;
import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.runtime.CelFunctionBinding;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL's standard {@code matches()} with the compiled pattern kept: the standard binding compiles its regular
 * expression again on every call, which cost 7 % of the stream thread for a rule with one constant pattern. Same
 * engine (RE2/J), same options (program size limit, partial match) and same errors as the standard function; the
 * cache is bounded, so patterns taken from event data cannot grow it without limit. Thread-safe.
 */
final class CachedMatches {

    /** Far more than the distinct constant patterns of any rule set; beyond it patterns are compiled per call. */
    private static final int MAX_PATTERNS = 1_024;

    private final CelOptions options;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    CachedMatches(CelOptions options) {
        this.options = options;
    }

    /** Bindings for both overloads of the standard declaration: {@code matches(s, re)} and {@code s.matches(re)}. */
    List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("matches", String.class, String.class, this::matches),
                CelFunctionBinding.from("matches_string", String.class, String.class, this::matches));
    }

    Object matches(String text, String regex) throws CelInvalidArgumentException {
        try {
            Pattern pattern = pattern(regex);
            return options.enableRegexPartialMatch() ? pattern.matcher(text).find() : pattern.matcher(text).matches();
        } catch (RuntimeException invalid) {
            throw new CelInvalidArgumentException(invalid);
        }
    }

    private Pattern pattern(String regex) {
        Pattern cached = patterns.get(regex);
        if (cached != null) {
            return cached;
        }
        Pattern compiled = Pattern.compile(regex);
        int limit = options.maxRegexProgramSize();
        if (limit >= 0 && compiled.programSize() > limit) {
            throw new IllegalArgumentException(String.format(
                    "Regex pattern exceeds allowed program size. Allowed: %d, Provided: %d",
                    limit, compiled.programSize()));
        }
        if (patterns.size() < MAX_PATTERNS) {
            patterns.putIfAbsent(regex, compiled);
        }
        return compiled;
    }
}
