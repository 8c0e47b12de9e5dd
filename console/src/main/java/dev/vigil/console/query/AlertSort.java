package dev.vigil.console.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The orders of {@code GET /v1/alerts}: {@code updated} (default) by when Vigil raised the alert or last counted
 * another event for it ({@code event.created}, the wall clock of the stream that built this version), so a new alert
 * about an old event comes first; {@code time} by the time of the event ({@code @timestamp}).
 */
enum AlertSort {
    UPDATED("event.created"),
    TIME("@timestamp");

    private final String field;

    AlertSort(String field) {
        this.field = field;
    }

    String field() {
        return field;
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AlertSort of(String word) {
        if (word == null || word.isBlank()) {
            return UPDATED;
        }
        return Arrays.stream(values()).filter(sort -> sort.word().equals(word.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidParameterException("sort", "must be one of "
                        + Arrays.stream(values()).map(AlertSort::word).collect(Collectors.joining(", ")) + ", not '"
                        + word + "'"));
    }
}
