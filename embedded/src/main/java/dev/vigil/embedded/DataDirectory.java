package dev.vigil.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** A server's data directory: the given, persistent one, or a temporary one that is deleted on close. */
final class DataDirectory {

    private final Path path;
    private final boolean temporary;

    private DataDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    static DataDirectory of(Optional<Path> given, String tempPrefix) {
        try {
            if (given.isPresent()) {
                return new DataDirectory(Files.createDirectories(given.get().toAbsolutePath()), false);
            }
            return new DataDirectory(Files.createTempDirectory(tempPrefix), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory", e);
        }
    }

    Path path() {
        return path;
    }

    Path resolve(String child) {
        return path.resolve(child);
    }

    void deleteIfTemporary() {
        if (!temporary || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
