package dev.vigil.streams.rules.cel;

import dev.vigil.model.text.Glob;

import java.util.List;
import java.util.Locale;

/**
 * Container image references as the container runtime reads them: {@code nginx} is
 * {@code docker.io/library/nginx}, the first path part is a registry only when it has a dot or a colon or is
 * {@code localhost}, the tag follows the last colon after the last slash, a digest follows {@code @}.
 */
final class ImageRefs {

    private static final String DOCKER_HUB = "docker.io";

    private ImageRefs() {
    }

    /** {@code registry/path/name} without tag or digest, registry lower-cased; "" for an empty reference. */
    static String repository(String image) {
        String name = withoutDigestAndTag(image == null ? "" : image.strip());
        if (name.isEmpty()) {
            return "";
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            return DOCKER_HUB + "/" + (slash < 0 ? "library/" + name : name);
        }
        String registry = first.toLowerCase(Locale.ROOT);
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        return registry + name.substring(slash);
    }

    /** The tag, or "" when the reference has none (the runtime then pulls {@code latest}) or is pinned by digest. */
    static String tag(String image) {
        if (image == null || image.contains("@")) {
            return "";
        }
        String text = image.strip();
        int colon = text.lastIndexOf(':');
        return colon > text.lastIndexOf('/') ? text.substring(colon + 1) : "";
    }

    /**
     * Whether the image comes from one of the sources: each is a registry or a registry path prefix
     * ({@code registry.example.com}, {@code ghcr.io/acme}, {@code docker.io/library}), matched part by part at
     * {@code /} boundaries; {@code *} inside a part matches any characters
     * ({@code *.dkr.ecr.eu-central-1.amazonaws.com}).
     */
    static boolean from(String image, List<?> sources) {
        String repository = repository(image);
        if (repository.isEmpty() || sources == null) {
            return false;
        }
        String[] parts = repository.split("/");
        for (Object source : sources) {
            if (source instanceof String text && matches(parts, text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String[] repository, String source) {
        String prefix = source.strip();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (prefix.isEmpty()) {
            return false;
        }
        String[] parts = prefix.split("/");
        if (parts.length > repository.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            String part = i == 0 ? normaliseRegistry(parts[i]) : parts[i];
            boolean same = part.contains("*") ? Glob.compile(part).matcher(repository[i]).matches()
                    : part.equals(repository[i]);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static String normaliseRegistry(String registry) {
        String lower = registry.toLowerCase(Locale.ROOT);
        return lower.equals("index.docker.io") || lower.equals("registry-1.docker.io") ? DOCKER_HUB : lower;
    }

    private static String withoutDigestAndTag(String image) {
        int at = image.indexOf('@');
        String name = at < 0 ? image : image.substring(0, at);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }
}
