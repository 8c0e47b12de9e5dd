package dev.vigil.dashboards.saved;

/** What one import attempt (or the whole installation) came to. */
public sealed interface ImportOutcome {

    /** Dashboards accepted every object. */
    record Imported(int objects) implements ImportOutcome {
    }

    /** Dashboards is starting, overloaded or unreachable: worth another attempt. */
    record RetryLater(String reason) implements ImportOutcome {
    }

    /** Dashboards refused the import (credentials, URL, object errors): retrying will not help. */
    record Rejected(String reason) implements ImportOutcome {
    }
}
