package dev.vigil.console.compliance;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /v1/compliance?cluster=}: the BSI APP.4.4 status per requirement (all clusters without a cluster). */
@RestController
public class ComplianceController {

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})\\s*([hd])");

    private final ComplianceService compliance;

    public ComplianceController(ComplianceService compliance) {
        this.compliance = compliance;
    }

    /**
     * @param window the status window, {@code 24h}, {@code 7d} (default), {@code 30d} … between 1 h and 90 d
     */
    @GetMapping("/v1/compliance")
    public ComplianceService.ComplianceReport compliance(@RequestParam(required = false) String cluster,
                                                         @RequestParam(required = false) String window) {
        try {
            return compliance.report(cluster == null || cluster.isBlank() ? null : cluster.trim(), window(window));
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Vigil has seen no cluster named " + e.getMessage());
        }
    }

    static Duration window(String text) {
        if (text == null || text.isBlank()) {
            return ComplianceService.WINDOW;
        }
        Matcher matcher = WINDOW.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("window must be hours or days such as 24h, 7d or 30d, not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return "h".equals(matcher.group(2)) ? Duration.ofHours(amount) : Duration.ofDays(amount);
    }
}
