package dev.vigil.console.triage;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code PUT /v1/alerts/{id}/triage} and {@code POST /v1/alerts/triage} (several alerts at once). JSON bodies only:
 * a cross-site form cannot send one, and the console's own requests carry its CSRF token. The security
 * configuration lets analysts and admins in, not viewers.
 */
@RestController
class TriageController {

    /** A bulk action: the alerts and the change, whose assignee and notes are usually left out. */
    record BulkTriage(List<String> ids, String status, String reason, String assignee, String notes) {
    }

    record BulkResult(int updated, Map<String, Triage> triage) {
    }

    private final TriageService service;

    TriageController(TriageService service) {
        this.service = service;
    }

    @PutMapping(path = "/v1/alerts/{id}/triage", consumes = MediaType.APPLICATION_JSON_VALUE)
    Triage triage(@PathVariable String id, @RequestBody TriageChange change, Authentication user) {
        return apply(List.of(id), change, user).get(id);
    }

    @PostMapping(path = "/v1/alerts/triage", consumes = MediaType.APPLICATION_JSON_VALUE)
    BulkResult bulk(@RequestBody BulkTriage request, Authentication user) {
        Map<String, Triage> result = apply(request.ids() == null ? List.of() : request.ids(),
                new TriageChange(request.status(), request.reason(), request.assignee(), request.notes()), user);
        return new BulkResult(result.size(), result);
    }

    private Map<String, Triage> apply(List<String> ids, TriageChange change, Authentication user) {
        try {
            return service.apply(ids, change, user.getName());
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no alert has the id " + e.getMessage());
        }
    }
}
