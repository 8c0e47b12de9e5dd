package dev.vigil.app.opensearch;

import java.net.URI;

/** OpenSearch URLs as they may be shown in logs and health details: never with credentials in them. */
public final class OpenSearchUrls {

    private OpenSearchUrls() {
    }

    /** The URL without user info, query or fragment. */
    public static String display(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
