package dev.vigil.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Vigil's version, written into {@code vigil-version.properties} by the build (resource filtering). */
public final class VigilVersion {

    private static final String RESOURCE = "/dev/vigil/app/vigil-version.properties";

    private VigilVersion() {
    }

    public static String get() {
        try (InputStream in = VigilVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
