package dev.vigil.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files at the repository root (docker-compose.yml, docs/), found from the module directory tests run in. */
public final class Repository {

    private Repository() {
    }

    public static Path file(String relative) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no repository root (holding mvnw) above " + Path.of("").toAbsolutePath());
        }
        return directory.resolve(relative);
    }
}
