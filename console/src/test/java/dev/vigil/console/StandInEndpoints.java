package dev.vigil.console;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Answers on the paths of endpoints that live in other modules (ingest's webhook, the actuator) or need an
 * OpenSearch (the alerts query API), so the security rules in front of them can be tested over real HTTP.
 */
@RestController
public class StandInEndpoints {

    @PostMapping(path = "/v1/audit", consumes = MediaType.ALL_VALUE)
    Map<String, Object> audit(@RequestBody String body) {
        return Map.of("accepted", 1, "rejected", 0, "bytes", body.length());
    }

    @GetMapping("/v1/alerts")
    Map<String, Object> alerts() {
        return Map.of("alerts", List.of());
    }

    @GetMapping("/actuator/health")
    Map<String, Object> health() {
        return Map.of("status", "UP");
    }

    @GetMapping(path = "/actuator/prometheus", produces = MediaType.TEXT_PLAIN_VALUE)
    String prometheus() {
        return "vigil_console_stream_subscribers 0\n";
    }

    @GetMapping("/actuator/env")
    Map<String, Object> env() {
        return Map.of("activeProfiles", List.of());
    }
}
