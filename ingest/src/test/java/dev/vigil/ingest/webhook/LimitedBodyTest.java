package dev.vigil.ingest.webhook;

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
