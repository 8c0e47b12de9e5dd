package dev.vigil.console.stream;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /v1/alerts/stream}: new and updated alerts as Server-Sent Events, for the console's live view. */
@RestController
class AlertStreamController {

    private final AlertBroadcaster broadcaster;

    AlertStreamController(AlertBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @GetMapping(path = "/v1/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(HttpServletResponse response) {
        // Reverse proxies (nginx) must not buffer the stream.
        response.setHeader("X-Accel-Buffering", "no");
        return broadcaster.subscribe();
    }
}
