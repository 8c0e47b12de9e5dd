package dev.vigil.ingest.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;

/**
 * One generation of a live log file, read like {@code tail -F}: at the end of the data it waits for more instead
 * of ending. It ends (returns -1) when the file was rotated away — after draining what the writer appended to the
 * old file — or truncated in place, or when a stop was requested; the caller then opens the next generation.
 * Rotation is told by the file key (device and inode) changing under the same path.
 */
final class FollowingInputStream extends InputStream {

    private final Path path;
    private final FileChannel channel;
    private final Object fileKey;
    private final Duration poll;
    private final StopSignal stop;
    private boolean draining;
    private boolean ended;

    private FollowingInputStream(Path path, FileChannel channel, Object fileKey, Duration poll,
                                 StopSignal stop) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
        this.poll = poll;
        this.stop = stop;
    }

    /**
     * Opens the file at {@code path}, waiting until it exists; returns null when a stop was requested first.
     */
    static FollowingInputStream open(Path path, Duration poll, StopSignal stop) throws IOException {
        while (!stop.requested()) {
            try {
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
                return new FollowingInputStream(path, channel, key, poll, stop);
            } catch (NoSuchFileException e) {
                if (!stop.pause(poll.toMillis())) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!ended) {
            int read = channel.read(ByteBuffer.wrap(buffer, offset, length));
            if (read > 0) {
                return read;
            }
            if (draining || stop.requested()) {
                ended = true;
            } else if (replaced()) {
                // Read once more: the writer may have appended to the old file before it rotated.
                draining = true;
            } else if (truncated()) {
                ended = true;
            } else if (!stop.pause(poll.toMillis())) {
                ended = true;
            }
        }
        return -1;
    }

    private boolean replaced() throws IOException {
        try {
            return !Objects.equals(fileKey, Files.readAttributes(path, BasicFileAttributes.class).fileKey());
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    private boolean truncated() throws IOException {
        return channel.size() < channel.position();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
