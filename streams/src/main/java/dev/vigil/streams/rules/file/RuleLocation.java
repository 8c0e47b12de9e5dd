package dev.vigil.streams.rules.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a rule file (or a test fixture it references) lives: a file on disk or a resource bundled on the
 * classpath. The name is what error messages and {@code vigil rules list} show.
 */
public sealed interface RuleLocation {

    /** Folder of the bundled rules on the classpath, with its index of file names. */
    String BUNDLED_FOLDER = "rules/";
    String BUNDLED_INDEX = BUNDLED_FOLDER + "index.txt";

    String name();

    String read() throws IOException;

    /** A file named relative to this one (test fixtures). */
    RuleLocation resolve(String relative);

    static RuleLocation of(Path path) {
        return new OnDisk(path);
    }

    /** The bundled rule files, in index order. */
    static List<RuleLocation> bundled() {
        try {
            String index = new Bundled(BUNDLED_INDEX).read();
            List<RuleLocation> files = new ArrayList<>();
            for (String line : index.split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    files.add(new Bundled(BUNDLED_FOLDER + name));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled rule index " + BUNDLED_INDEX + " is missing", e);
        }
    }

    /** Rule files in a folder ({@code *.yaml}, {@code *.yml}, name order), or the file itself. */
    static List<RuleLocation> in(Path fileOrFolder) throws IOException {
        if (!Files.isDirectory(fileOrFolder)) {
            if (!Files.isRegularFile(fileOrFolder)) {
                throw new IOException("no rule file or folder " + fileOrFolder);
            }
            return List.of(of(fileOrFolder));
        }
        try (Stream<Path> files = Files.list(fileOrFolder)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .map(RuleLocation::of)
                    .toList();
        }
    }

    record OnDisk(Path path) implements RuleLocation {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public String read() throws IOException {
            return Files.readString(path, StandardCharsets.UTF_8);
        }

        @Override
        public RuleLocation resolve(String relative) {
            Path parent = path.toAbsolutePath().getParent();
            return new OnDisk(parent.resolve(relative).normalize());
        }
    }

    record Bundled(String resource) implements RuleLocation {
        @Override
        public String name() {
            return "classpath:" + resource;
        }

        @Override
        public String read() throws IOException {
            try (InputStream in = RuleLocation.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no bundled resource " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        @Override
        public RuleLocation resolve(String relative) {
            int slash = resource.lastIndexOf('/');
            String folder = slash < 0 ? "" : resource.substring(0, slash + 1);
            return new Bundled(Path.of(folder + relative).normalize().toString().replace('\\', '/'));
        }
    }
}
