package dev.vigil.dashboards.saved;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Where OpenSearch Dashboards runs, so that Vigil can install its index patterns, visualizations, searches and
 * dashboards there at start. Nothing is installed while {@code url} is empty.
 *
 * @param url            base URL of OpenSearch Dashboards, e.g. {@code http://dashboards:5601} (with its base path
 *                       if it has one); empty: do not install the saved objects
 * @param username       user for HTTP basic authentication against Dashboards; empty: no authentication
 * @param password       password of {@code username}; never logged
 * @param requestTimeout how long one import request may take, connecting included
 * @param retryInterval  pause between attempts while Dashboards is starting or unreachable
 * @param giveUpAfter    stop retrying (and log an error) when Dashboards has not accepted the import after this long
 */
@ConfigurationProperties("vigil.dashboards")
@Validated
public record DashboardsProperties(
        URI url,
        String username,
        String password,
        @NotNull @DefaultValue("30s") Duration requestTimeout,
        @NotNull @DefaultValue("5s") Duration retryInterval,
        @NotNull @DefaultValue("15m") Duration giveUpAfter) {

    boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    /** The saved-objects import endpoint below {@link #url()}, overwriting objects with the same id. */
    URI importEndpoint() {
        String base = url.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/saved_objects/_import?overwrite=true");
    }

    /** {@link #url()} without any user info, for log lines. */
    String displayUrl() {
        if (url == null || url.getRawUserInfo() == null) {
            return String.valueOf(url);
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    @Override
    public String toString() {
        return "DashboardsProperties[url=" + displayUrl() + ", username=" + username
                + ", password=" + (password == null || password.isEmpty() ? "" : "******")
                + ", requestTimeout=" + requestTimeout + ", retryInterval=" + retryInterval
                + ", giveUpAfter=" + giveUpAfter + "]";
    }
}
