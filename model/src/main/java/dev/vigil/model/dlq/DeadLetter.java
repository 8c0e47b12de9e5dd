package dev.vigil.model.dlq;

import java.time.Instant;

/**
 * A record of {@code vigil.dlq}: something Vigil could not process, with why and the original text, so that
 * nothing is lost silently. {@code source} names the stage and input (e.g. {@code ingest:webhook},
 * {@code replay:audit.log:17}, {@code streams:k8s.audit.events/0@42}, {@code alerting:vigil-audit}).
 */
public record DeadLetter(String source, String reason, String payload, Instant receivedAt, String cluster) {
}
