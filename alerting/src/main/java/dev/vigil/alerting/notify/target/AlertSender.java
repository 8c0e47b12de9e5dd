package dev.vigil.alerting.notify.target;

import dev.vigil.model.alert.Alert;

/**
 * One notification channel (webhook, chat, syslog): delivers a single message to its target, once. Retries, rate
 * limits and filters live around it, so every channel gets them the same way.
 */
public interface AlertSender extends AutoCloseable {

    /** Delivers one alert; throws {@link DeliveryException} saying whether trying again may help. */
    void send(Alert alert) throws DeliveryException, InterruptedException;

    /** Tells the target how many alerts the rate limit held back, so none is dropped silently. */
    void sendSummary(HeldBackSummary summary) throws DeliveryException, InterruptedException;

    /** Releases connections; never throws. */
    @Override
    default void close() {
    }
}
