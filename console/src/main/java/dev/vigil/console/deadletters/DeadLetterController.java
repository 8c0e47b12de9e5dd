package dev.vigil.console.deadletters;

import dev.vigil.console.topics.TopicUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/dead-letters?since=&source=&reason=&size=}: admins only (the security configuration), since a
 * dead letter holds input as it arrived — redacted here like evidence, but still the raw material.
 */
@RestController
class DeadLetterController {

    private final DeadLetterView view;

    DeadLetterController(DeadLetterView view) {
        this.view = view;
    }

    @GetMapping("/v1/dead-letters")
    DeadLetterView.DeadLetters deadLetters(@RequestParam(required = false) String since,
                                           @RequestParam(required = false) String source,
                                           @RequestParam(required = false) String reason,
                                           @RequestParam(required = false) Integer size) {
        return view.list(since, source, reason, size);
    }

    @ExceptionHandler(TopicUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(TopicUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }
}
