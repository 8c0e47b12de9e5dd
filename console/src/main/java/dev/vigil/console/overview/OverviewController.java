package dev.vigil.console.overview;

import dev.vigil.console.query.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Set;

/**
 * {@code GET /v1/overview?since=&until=&cluster=} ({@code from}/{@code to} are other names of since/until): alerts
 * over time by severity, the top rules, principals, namespaces and clusters, and totals by severity and triage
 * status, for the console's landing page. Bad or unknown parameters are 400 problems naming the parameter.
 */
@RestController
class OverviewController {

    static final Set<String> PARAMETERS = Set.of("since", "until", "from", "to", "cluster");

    private final OverviewService service;
    private final Clock clock;

    OverviewController(OverviewService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @GetMapping("/v1/overview")
    Overview overview(HttpServletRequest request,
                      @RequestParam(required = false) String since,
                      @RequestParam(required = false) String until,
                      @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to,
                      @RequestParam(required = false) String cluster) {
        QueryParameters.requireKnown(request, PARAMETERS);
        return service.overview(OverviewQuery.of(since, until, from, to, cluster, clock.instant()));
    }
}
