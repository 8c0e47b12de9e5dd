package dev.vigil.console.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/** A minimal Server-Sent Events reader over the JDK HTTP client: collects events and comments as they arrive. */
final class SseClient implements Flow.Subscriber<String>, AutoCloseable {

    record Event(String name, String id, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private final CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    private SseClient(HttpClient http, HttpRequest request) {
        this.response = http.sendAsync(request, info -> {
            head.complete(info);
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        });
    }

    static SseClient open(HttpClient http, URI url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new SseClient(http, request.build());
    }

    List<Event> events() {
        return events;
    }

    List<Event> events(String name) {
        return events.stream().filter(event -> name.equals(event.name())).toList();
    }

    List<String> comments() {
        return comments;
    }

    /** Status and headers, known as soon as they arrive (the body of a stream never ends on its own). */
    CompletableFuture<HttpResponse.ResponseInfo> head() {
        return head;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.isEmpty()) {
            dispatch();
        } else if (line.startsWith(":")) {
            comments.add(line.substring(1));
        } else {
            pending.add(line);
        }
    }

    private void dispatch() {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line : pending) {
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                default -> { }
            }
        }
        pending.clear();
        if (!data.isEmpty()) {
            events.add(new Event(name, id, data.toString()));
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // The connection ended; the collected events stay readable.
    }

    @Override
    public void onComplete() {
        dispatch();
    }

    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        response.cancel(true);
    }
}
