package dev.vigil.ingest.watch;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * fabric8's CRUD mock API server, plus the one thing it cannot do by itself: answer a pod list with an old
 * snapshot and the following watch with {@code 410 Gone} — what a real API server does when a client's
 * resourceVersion fell out of its watch window. The informer must then re-list and reconcile.
 */
final class GoneOnceDispatcher extends KubernetesCrudDispatcher {

    static final String GONE = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
            "message":"too old resource version","reason":"Expired","code":410}""";

    private final AtomicReference<String> staleList = new AtomicReference<>();
    private final AtomicInteger goneWatches = new AtomicInteger();
    final AtomicInteger podLists = new AtomicInteger();

    /** The next pod list answers {@code staleListJson}, and the watch that follows it gets 410. */
    void armStaleListThenGone(String staleListJson) {
        staleList.set(staleListJson);
        goneWatches.set(1);
    }

    @Override
    public MockResponse handleGet(String path) {
        if (isPods(path)) {
            podLists.incrementAndGet();
            String stale = staleList.getAndSet(null);
            if (stale != null) {
                return new MockResponse().setResponseCode(200).setBody(stale);
            }
        }
        return super.handleGet(path);
    }

    @Override
    public MockResponse handleWatch(String path) {
        if (isPods(path) && goneWatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new MockResponse().setResponseCode(410).setBody(GONE);
        }
        return super.handleWatch(path);
    }

    private static boolean isPods(String path) {
        return path.startsWith("/api/v1/pods");
    }
}
