package dev.vigil.ingest.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitedBodyTest {

    @Test
    void readsABodyOfExactlyTheLimit() throws IOException {
        LimitedBody body = new LimitedBody(new ByteArrayInputStream(new byte[1000]), 1000);
        assertThat(body.readAllBytes()).hasSize(1000);
        assertThat(body.count()).isEqualTo(1000);
        body.throwIfFailed();
    }

    @Test
    void failsAsSoonAsTheLimitIsCrossedWithoutReadingFurther() {
        CountingSource source = new CountingSource(10_000_000);
        LimitedBody body = new LimitedBody(source, 1000);
        assertThatThrownBy(body::readAllBytes).isInstanceOf(BodyTooLargeException.class);
        assertThat(body.count()).isEqualTo(1001);
        assertThat(source.served).isEqualTo(1001);
        assertThatThrownBy(body::throwIfFailed).isInstanceOf(BodyTooLargeException.class);
        assertThatThrownBy(body::read).isInstanceOf(BodyTooLargeException.class);
    }

    @Test
    void remembersABrokenUpload() {
        LimitedBody body = new LimitedBody(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        }, 1000);
        assertThatThrownBy(body::read).hasMessage("connection reset");
        assertThatThrownBy(body::throwIfFailed).hasMessage("connection reset");
    }

    @Test
    void aBodyTrickledPastTheDeadlineFailsAsLateAndStaysFailed() throws IOException {
        FakeClock clock = new FakeClock();
        // Every read waits 1 s for one byte: a slow-loris client.
        java.io.InputStream trickle = new java.io.InputStream() {
            @Override
            public int read() {
                clock.advance(java.time.Duration.ofSeconds(1));
                return 'x';
            }
        };
        LimitedBody body = new LimitedBody(trickle, 1000, java.time.Duration.ofSeconds(5), clock::nanos);

        for (int i = 0; i < 4; i++) {
            assertThat(body.read()).isEqualTo('x');
        }
        assertThatThrownBy(body::read).isInstanceOf(BodyReadTimeoutException.class)
                .hasMessageContaining("5000 ms").hasMessageContaining("5 bytes arrived");
        assertThatThrownBy(body::read).isInstanceOf(BodyReadTimeoutException.class);
        assertThatThrownBy(body::throwIfFailed).isInstanceOf(BodyReadTimeoutException.class);
    }

    @Test
    void onlyTimeSpentWaitingForTheClientCounts() throws IOException {
        FakeClock clock = new FakeClock();
        LimitedBody body = new LimitedBody(new ByteArrayInputStream(new byte[10]), 1000,
                java.time.Duration.ofSeconds(5), clock::nanos);
        for (int i = 0; i < 10; i++) {
            body.read();
            clock.advance(java.time.Duration.ofSeconds(3)); // Vigil's own work between reads, e.g. a Kafka send
        }
        assertThat(body.read()).isEqualTo(-1);
        body.throwIfFailed();
    }

    @Test
    void aSocketTimeoutIsALateBodyWhenThereIsADeadline() {
        LimitedBody body = new LimitedBody(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("read failed", new java.net.SocketTimeoutException("Read timed out"));
            }
        }, 1000, java.time.Duration.ofSeconds(30), System::nanoTime);
        assertThatThrownBy(body::read).isInstanceOf(BodyReadTimeoutException.class);
        assertThatThrownBy(body::throwIfFailed).isInstanceOf(BodyReadTimeoutException.class);
    }

    /** A nanosecond clock that moves only when told. */
    static final class FakeClock {
        private long now = 1_000_000_000L;

        long nanos() {
            return now;
        }

        void advance(java.time.Duration by) {
            now += by.toNanos();
        }
    }

    /** Serves zero bytes and counts how many were asked for. */
    static final class CountingSource extends java.io.InputStream {
        private final long size;
        long served;

        CountingSource(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            served++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - served);
            served += n;
            return n;
        }
    }
}
