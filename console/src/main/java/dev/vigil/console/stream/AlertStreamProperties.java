package dev.vigil.console.stream;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The console's live alert stream ({@code GET /v1/alerts/stream}).
 *
 * @param heartbeat      interval of keep-alive comments, so proxies keep idle streams open and dead ones are noticed
 * @param timeout        how long one stream stays open before the browser reconnects (and refills from the API);
 *                       shorter than the session timeout, so an open console keeps its session alive
 * @param maxSubscribers streams one instance serves at a time; more get {@code 503}
 */
@ConfigurationProperties("vigil.console.stream")
@Validated
public record AlertStreamProperties(
        @NotNull @DefaultValue("15s") Duration heartbeat,
        @NotNull @DefaultValue("10m") Duration timeout,
        @Positive @DefaultValue("100") int maxSubscribers) {
}
