package dev.vigil.ingest.hostile;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body generated on demand (nothing is held in memory) that counts how many bytes the connection
 * actually pulled, to prove that a server refused a large body without reading it whole.
 */
final class CountingBody {

    private static final int CHUNK = 16 * 1024;

    private final long size;
    private final boolean declared;
    private final AtomicLong pulled = new AtomicLong();

    private CountingBody(long size, boolean declared) {
        this.size = size;
        this.declared = declared;
    }

    /** {@code size} zero bytes, with a Content-Length header when {@code declared}, chunked otherwise. */
    static CountingBody zeros(long size, boolean declared) {
        return new CountingBody(size, declared);
    }

    long pulled() {
        return pulled.get();
    }

    HttpRequest.BodyPublisher publisher() {
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return declared ? size : -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    private boolean done;

                    @Override
                    public synchronized void request(long n) {
                        for (long i = 0; i < n && !done; i++) {
                            long left = size - pulled.get();
                            if (left <= 0) {
                                done = true;
                                subscriber.onComplete();
                                return;
                            }
                            int length = (int) Math.min(CHUNK, left);
                            pulled.addAndGet(length);
                            subscriber.onNext(ByteBuffer.wrap(new byte[length]));
                        }
                    }

                    @Override
                    public synchronized void cancel() {
                        done = true;
                    }
                });
            }
        };
    }
}
