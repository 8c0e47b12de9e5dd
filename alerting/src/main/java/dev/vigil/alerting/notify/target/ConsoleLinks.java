package dev.vigil.alerting.notify.target;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links into the Vigil web console, so a notified analyst lands on the alert with its evidence. */
public record ConsoleLinks(URI base) {

    /** {@code <console-base-url>/alerts}: the alert list. */
    public String alerts() {
        return root() + "/alerts";
    }

    /** {@code <console-base-url>/alerts/<id>}, the id encoded as one path segment. */
    public String alert(String id) {
        String segment = URLEncoder.encode(id == null ? "" : id, StandardCharsets.UTF_8).replace("+", "%20");
        return alerts() + "/" + segment;
    }

    private String root() {
        return base.toString().replaceAll("/+$", "");
    }
}
