package dev.vigil.model.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Access to the third-party audit data ({@code k8s-audit/}, copied unchanged with its SOURCES.md and licence)
 * and to Vigil's own fixtures ({@code fixtures/}) from any module's tests, whether the model's test classes
 * arrive as a folder or as the test-jar.
 */
public final class AuditTestData {

    /** One line of a data file: where it came from (file name and 1-based line number) and its text. */
    public record Line(String file, int number, String text) {
        public String source() {
            return file + ":" + number;
        }
    }

    private AuditTestData() {
    }

    /** A resource folder such as {@code k8s-audit/falco-traces} as a path (inside the jar when packaged). */
    public static Path folder(String resourceFolder) {
        URL url = AuditTestData.class.getClassLoader().getResource(resourceFolder);
        if (url == null) {
            throw new IllegalArgumentException("no test resource folder " + resourceFolder);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.provider().getPath(uri);
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open " + url, e);
        }
    }

    public static Path file(String resource) {
        int slash = resource.lastIndexOf('/');
        return folder(resource.substring(0, slash)).resolve(resource.substring(slash + 1));
    }

    /** Every non-empty line of the files of a folder, files in name order. */
    public static List<Line> lines(String resourceFolder, String suffix) {
        List<Line> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder(resourceFolder))) {
            for (Path path : files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                lines.addAll(lines(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    public static List<Line> lines(Path path) {
        try {
            List<String> text = Files.readAllLines(path, StandardCharsets.UTF_8);
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < text.size(); i++) {
                if (!text.get(i).isBlank()) {
                    lines.add(new Line(path.getFileName().toString(), i + 1, text.get(i)));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All third-party audit events: falco traces, audit2rbac's demo log and panther's fixtures. */
    public static List<Line> thirdPartyEvents() {
        List<Line> all = new ArrayList<>(lines("k8s-audit/falco-traces", ".json"));
        all.addAll(lines(file("k8s-audit/audit2rbac/demo.log")));
        all.addAll(lines(file("k8s-audit/panther/test-logs.jsonl")));
        return all;
    }
}
