package dev.vigil.app.embedded;

import dev.vigil.app.config.VigilProperties;
import dev.vigil.model.role.Role;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The credentials {@code vigil run} generates when none are configured: the ingest token of cluster {@code local}
 * and the console's {@code admin} password. With the local default (embedded servers, whose data persists) they are
 * kept in {@code <vigil.embedded.data-dir>/credentials.properties}, readable by the owner only, and reused by the next
 * start: the API server configured with the token keeps delivering, the analyst keeps the password. Without a data
 * dir they live as long as the process. Either way they are shown once, in the ready summary, never logged.
 *
 * @param ingestToken     the generated ingest token, or null when ingest's credentials are configured
 * @param consolePassword the generated console password, or null when the console's users are configured
 * @param file            where they are kept, or null when they are not
 * @param reused          whether they were read from a previous start
 */
public record GeneratedCredentials(String ingestToken, String consolePassword, Path file, boolean reused) {

    public static final String BEAN_NAME = "vigilGeneratedCredentials";
    static final String FILE_NAME = "credentials.properties";
    static final String INGEST_TOKEN = "vigil.ingest.token";
    static final String CONSOLE_PASSWORD = "vigil.console.password";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The properties that hand the credentials to ingest and the console. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (ingestToken != null) {
            properties.put(INGEST_TOKEN, ingestToken);
        }
        if (consolePassword != null) {
            properties.put(CONSOLE_PASSWORD, consolePassword);
        }
        return properties;
    }

    /**
     * The credentials this start must generate, read from (or written to) {@code dataDir} when it is not null; empty
     * when the configuration names every credential the roles need.
     */
    static Optional<GeneratedCredentials> resolve(Environment environment, Path dataDir) {
        Binder binder = Binder.get(environment);
        VigilProperties vigil = binder.bindOrCreate("vigil", Bindable.of(VigilProperties.class));
        boolean token = vigil.roles().contains(Role.INGEST)
                && !configured(binder, INGEST_TOKEN) && !configured(binder, "vigil.ingest.tokens[0].token")
                && binder.bind("vigil.ingest.generate-local-token", Boolean.class).orElse(true);
        boolean password = vigil.roles().contains(Role.CONSOLE)
                && !configured(binder, CONSOLE_PASSWORD) && !configured(binder, "vigil.console.users[0].username");
        if (!token && !password) {
            return Optional.empty();
        }
        if (dataDir == null) {
            return Optional.of(new GeneratedCredentials(token ? generate(32) : null, password ? generate(18) : null,
                    null, false));
        }
        return Optional.of(kept(dataDir.resolve(FILE_NAME), token, password));
    }

    private static GeneratedCredentials kept(Path file, boolean token, boolean password) {
        try {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                restrict(file);
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(reader);
                }
            }
            String ingestToken = token ? stored.getProperty(INGEST_TOKEN) : null;
            String consolePassword = password ? stored.getProperty(CONSOLE_PASSWORD) : null;
            boolean reused = (!token || ingestToken != null) && (!password || consolePassword != null);
            if (token && ingestToken == null) {
                ingestToken = generate(32);
                stored.setProperty(INGEST_TOKEN, ingestToken);
            }
            if (password && consolePassword == null) {
                consolePassword = generate(18);
                stored.setProperty(CONSOLE_PASSWORD, consolePassword);
            }
            if (!reused) {
                write(file, stored);
            }
            return new GeneratedCredentials(ingestToken, consolePassword, file, reused);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the generated credentials in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Written to a new owner-only file, then moved over the old one: never readable by others, not even briefly. */
    private static void write(Path file, Properties stored) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temporary);
        if (posix()) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temporary);
        }
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            stored.store(writer, "Generated by vigil run: the local ingest token and console password. Keep private.");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A file someone widened is narrowed again before the secrets are read from it. */
    private static void restrict(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String generate(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static boolean configured(Binder binder, String property) {
        return binder.bind(property, String.class).map(String::isBlank).map(blank -> !blank).orElse(false);
    }
}
