package dev.vigil.console.stream;

import dev.vigil.model.json.VigilJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fans the alerts of the one shared topic consumer out to every open console stream. A stream that cannot be
 * written to any more (browser gone) is dropped; the browser's EventSource reconnects on its own.
 */
final class AlertBroadcaster {

    static final String ALERT_EVENT = "alert";
    static final String STATUS_EVENT = "status";
    static final String TRIAGE_EVENT = "triage";
    private static final Logger LOG = LoggerFactory.getLogger(AlertBroadcaster.class);

    private final AlertStreamProperties properties;
    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private volatile boolean live;

    AlertBroadcaster(AlertStreamProperties properties) {
        this.properties = properties;
    }

    /** Opens a stream; its first event says whether the topic consumer already follows {@code vigil.alerts}. */
    SseEmitter subscribe() {
        if (emitters.size() >= properties.maxSubscribers()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many open alert streams");
        }
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> {
            emitters.remove(emitter);
            emitter.complete();
        });
        emitter.onError(error -> emitters.remove(emitter));
        emitters.add(emitter);
        send(emitter, status());
        return emitter;
    }

    /** Sends one alert document (compact JSON) to every stream, as event {@code alert} with the alert id. */
    void publish(String alertId, String alertJson) {
        broadcast(SseEmitter.event().name(ALERT_EVENT).id(alertId).data(alertJson).build());
    }

    /** Sends changed triage ({@code {"<alert id>": {…vigil.triage}}}) to every stream, as event {@code triage}. */
    void publishTriage(String triageJson) {
        broadcast(SseEmitter.event().name(TRIAGE_EVENT).data(triageJson).build());
    }

    /** A comment line: keeps proxies from closing idle streams and reveals streams whose browser is gone. */
    void heartbeat() {
        broadcast(SseEmitter.event().comment("keep-alive").build());
    }

    /** Whether the consumer has its partitions: alerts raised from now on reach the streams. */
    void live(boolean nowLive) {
        if (live != nowLive) {
            live = nowLive;
            broadcast(status());
        }
    }

    boolean isLive() {
        return live;
    }

    int subscribers() {
        return emitters.size();
    }

    /** Ends every stream, e.g. at shutdown, so open connections do not hold the server up. */
    void completeAll() {
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
    }

    private Set<DataWithMediaType> status() {
        String json = VigilJson.write(Map.of("live", live));
        return SseEmitter.event().name(STATUS_EVENT).data(json).build();
    }

    private void broadcast(Set<DataWithMediaType> event) {
        emitters.forEach(emitter -> send(emitter, event));
    }

    private void send(SseEmitter emitter, Set<DataWithMediaType> event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            emitters.remove(emitter);
            LOG.debug("Dropped an alert stream: {}", e.toString());
        }
    }
}
