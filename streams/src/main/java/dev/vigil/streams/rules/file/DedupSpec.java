package dev.vigil.streams.rules.file;

import java.util.List;

/**
 * How repeated hits collapse into one alert: hits with the same key (the cluster plus the values of the CEL
 * expressions in {@code key}) inside one {@code window} (e.g. {@code 10m}, {@code 1h}, {@code PT1H}) update one
 * alert's count.
 */
public record DedupSpec(List<String> key, String window) {
}
