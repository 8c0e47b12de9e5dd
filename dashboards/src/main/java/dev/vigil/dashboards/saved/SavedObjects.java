package dev.vigil.dashboards.saved;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The saved objects Vigil ships: one NDJSON file, as the Dashboards import API and its UI take it. */
public final class SavedObjects {

    /** Classpath location of the bundled file; users may also import it by hand (Dashboards Management → Saved objects). */
    public static final String RESOURCE = "dashboards/vigil-saved-objects.ndjson";

    /** The file name the import API sees; Dashboards accepts only {@code .ndjson} uploads. */
    public static final String FILE_NAME = "vigil-saved-objects.ndjson";

    private SavedObjects() {
    }

    public static byte[] bundled() {
        try (InputStream in = SavedObjects.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
