package dev.vigil.console;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The console users of {@link ConsoleIntegrationTest}: a viewer with a {noop} and an admin with a bcrypt password. */
public final class ConsoleUsersForTests {

    public static final String VIEWER = "vera";
    public static final String VIEWER_PASSWORD = "viewer-pw-for-tests";
    public static final String ADMIN = "ada";
    public static final String ADMIN_PASSWORD = "admin-pw-for-tests";
    /** BCrypt of {@link #ADMIN_PASSWORD}. */
    public static final String ADMIN_PASSWORD_HASH = "{bcrypt}$2a$10$yYyzHKLndOgQMMLNMiAsFehnq5QwPIuML5F7BW7rEG298ISPLybi6";

    private ConsoleUsersForTests() {
    }

    public static HttpRequest.Builder basic(HttpRequest.Builder request, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + credentials);
    }
}
