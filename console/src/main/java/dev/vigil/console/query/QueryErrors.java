package dev.vigil.console.query;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of the console's {@code /v1} endpoints as an RFC 9457 problem ({@code application/problem+json}): bad
 * parameters 400 naming the parameter ({@code parameter}), unknown alerts 404, OpenSearch unavailable 503, and
 * Spring MVC's own refusals (wrong type, wrong method, …) through {@link ResponseEntityExceptionHandler}. Security's
 * 401/403 are written by the security configuration in the same format, unknown paths by {@link UnknownApiPaths}.
 */
// By package, not by type: the compliance package builds on this one, so naming its controller here would be a cycle.
@RestControllerAdvice(basePackages = "dev.vigil.console")
public class QueryErrors extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QueryErrors.class);

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail badRequest(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        if (e instanceof InvalidParameterException invalid) {
            problem.setProperty("parameter", invalid.parameter());
        }
        return problem;
    }

    @ExceptionHandler(OpenSearchQueryException.class)
    public ResponseEntity<ProblemDetail> unavailable(OpenSearchQueryException e) {
        LOG.warn("Query API: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "10")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    /** {@code size=ten}: 400 naming the parameter and the type it needs. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        String type = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName().toLowerCase();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                name + " must be " + (type.equals("integer") ? "a whole number" : "of type " + type) + ", not '"
                        + e.getValue() + "'");
        problem.setProperty("parameter", name);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
