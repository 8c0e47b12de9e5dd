package dev.vigil.console.compliance;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/compliance?cluster=}: the BSI APP.4.4 status per requirement (all clusters without a cluster). */
@RestController
public class ComplianceController {

    private final ComplianceService compliance;

    public ComplianceController(ComplianceService compliance) {
        this.compliance = compliance;
    }

    @GetMapping("/v1/compliance")
    public ComplianceService.ComplianceReport compliance(@RequestParam(required = false) String cluster) {
        return compliance.report(cluster == null || cluster.isBlank() ? null : cluster.trim());
    }
}
