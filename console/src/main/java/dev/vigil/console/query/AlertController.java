package dev.vigil.console.query;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/alerts} (design §4): alerts from OpenSearch, newest first, paged, with the contract's filters; and
 * {@code GET /v1/alerts/{id}}: one alert with its evidence documents. Authentication is added by the console's
 * security configuration; nothing here assumes any.
 */
@RestController
@RequestMapping("/v1/alerts")
public class AlertController {

    private final AlertSearch search;
    private final Clock clock;

    public AlertController(AlertSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    @GetMapping
    public AlertSearch.AlertPage alerts(@RequestParam(required = false) String since,
                                        @RequestParam(required = false) String until,
                                        @RequestParam(required = false) List<String> rule,
                                        @RequestParam(required = false) List<String> severity,
                                        @RequestParam(required = false) List<String> bsi,
                                        @RequestParam(required = false) String cluster,
                                        @RequestParam(required = false) String namespace,
                                        @RequestParam(required = false) String q,
                                        @RequestParam(required = false) Integer size,
                                        @RequestParam(required = false) Integer from) {
        return search.search(AlertQuery.of(since, until, rule, severity, bsi, cluster, namespace, q, size, from,
                clock.instant()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<AlertSearch.AlertDetail> alert(@PathVariable String id, HttpServletRequest request) {
        boolean found = false;
        try {
            Optional<AlertSearch.AlertDetail> detail = search.find(id);
            found = detail.isPresent();
            return ResponseEntity.of(detail);
        } finally {
            EvidenceAccessLog.opened(request, id, found);
        }
    }
}
