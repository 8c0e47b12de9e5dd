package dev.vigil.console.query;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Errors of the query API as RFC 9457 problem details: bad filters 400, OpenSearch unavailable 503. */
// By package, not by type: the compliance package builds on this one, so naming its controller here would be a cycle.
@RestControllerAdvice(basePackages = {"dev.vigil.console.query", "dev.vigil.console.compliance",
        "dev.vigil.console.triage", "dev.vigil.console.deadletters"})
public class QueryErrors {

    private static final Logger LOG = LoggerFactory.getLogger(QueryErrors.class);

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(OpenSearchQueryException.class)
    public ResponseEntity<ProblemDetail> unavailable(OpenSearchQueryException e) {
        LOG.warn("Query API: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "10")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }
}
