package dev.vigil.console.query;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/alerts} (design §4): alerts from OpenSearch, by default the most recently raised or updated first,
 * paged (also beyond the first 10 000 with {@code cursor}), with the contract's filters; and
 * {@code GET /v1/alerts/{id}}: one alert with its evidence documents. Authentication is added by the console's
 * security configuration; nothing here assumes any. {@code principal} selects the alerts of one user name (exact),
 * as the overview's top principals link to them. Both carry the alerts' triage ({@code vigil.triage}), and
 * {@code status=open,acknowledged,closed} filters by it. {@code GET /v1/alerts/facets}: the filter fields' values.
 */
@RestController
@RequestMapping("/v1/alerts")
public class AlertController {

    private final AlertSearch search;
    private final AlertFacets facets;
    private final AlertTriage triage;
    private final Clock clock;

    AlertController(AlertSearch search, AlertFacets facets, AlertTriage triage, Clock clock) {
        this.search = search;
        this.facets = facets;
        this.triage = triage;
        this.clock = clock;
    }

    /** The parameters of {@code GET /v1/alerts}; any other is answered 400, naming it (a typo must not widen a search). */
    static final Set<String> PARAMETERS = Set.of("since", "until", "rule", "severity", "bsi", "cluster", "namespace",
            "q", "size", "from", "sort", "order", "cursor", "status", "principal");

    @GetMapping
    public AlertSearch.AlertPage alerts(HttpServletRequest request,
                                        @RequestParam(required = false) String since,
                                        @RequestParam(required = false) String until,
                                        @RequestParam(required = false) List<String> rule,
                                        @RequestParam(required = false) List<String> severity,
                                        @RequestParam(required = false) List<String> bsi,
                                        @RequestParam(required = false) String cluster,
                                        @RequestParam(required = false) String namespace,
                                        @RequestParam(required = false) String q,
                                        @RequestParam(required = false) Integer size,
                                        @RequestParam(required = false) Integer from,
                                        @RequestParam(required = false) String sort,
                                        @RequestParam(required = false) String order,
                                        @RequestParam(required = false) String cursor,
                                        @RequestParam(required = false) List<String> status,
                                        @RequestParam(required = false) String principal) {
        QueryParameters.requireKnown(request, PARAMETERS);
        AlertQuery query = AlertQuery.of(since, until, rule, severity, bsi, cluster, namespace, q, size, from, sort,
                order, cursor, clock.instant()).withPrincipal(principal);
        AlertSearch.AlertPage page = search.search(query,
                triage.statusFilter(status, query.since(), query.until()).orElse(null));
        triage.attach(page.alerts());
        return page;
    }

    /** The parameters of {@code GET /v1/alerts/facets}: the list's filters, without paging and order. */
    static final Set<String> FACET_PARAMETERS = Set.of("since", "until", "rule", "severity", "bsi", "cluster",
            "namespace", "q", "status", "principal");

    /**
     * {@code GET /v1/alerts/facets}: the values of rule, severity, cluster and namespace among all alerts the filters
     * match (each field ignoring its own filter), with counts, for the list's dropdowns.
     */
    @GetMapping("/facets")
    public AlertFacets.Facets facets(HttpServletRequest request,
                                     @RequestParam(required = false) String since,
                                     @RequestParam(required = false) String until,
                                     @RequestParam(required = false) List<String> rule,
                                     @RequestParam(required = false) List<String> severity,
                                     @RequestParam(required = false) List<String> bsi,
                                     @RequestParam(required = false) String cluster,
                                     @RequestParam(required = false) String namespace,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) List<String> status,
                                     @RequestParam(required = false) String principal) {
        QueryParameters.requireKnown(request, FACET_PARAMETERS);
        AlertQuery query = AlertQuery.of(since, until, rule, severity, bsi, cluster, namespace, q, 0, 0,
                clock.instant()).withPrincipal(principal);
        return facets.facets(query, triage.statusFilter(status, query.since(), query.until()).orElse(null));
    }

    @GetMapping("/{id}")
    public ResponseEntity<AlertSearch.AlertDetail> alert(@PathVariable String id, HttpServletRequest request) {
        boolean found = false;
        try {
            Optional<AlertSearch.AlertDetail> detail = search.find(id);
            detail.ifPresent(shown -> triage.attach(List.of(shown.alert())));
            found = detail.isPresent();
            return ResponseEntity.ok(detail.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No alert has the id " + id), null)));
        } finally {
            EvidenceAccessLog.opened(request, id, found);
        }
    }
}
