package dev.vigil.ingest.cloud.gke;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Takes the ingest token out of the query string of {@code POST /v1/audit/pubsub} before anything can record it:
 * the token moves into a request attribute ({@link #TOKEN_ATTRIBUTE}) and the query string Tomcat keeps says
 * {@code token=[REDACTED]}, so that an access log (whatever its pattern), an error page or a log line that prints
 * the request shows no credential. An engine valve, so it runs before the access log records the request.
 */
final class QueryTokenValve extends ValveBase {

    static final String TOKEN_ATTRIBUTE = QueryTokenValve.class.getName() + ".token";
    static final String REDACTED = "[REDACTED]";

    private final String path;

    QueryTokenValve(String path) {
        super(true);
        this.path = path;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String query = request.getQueryString();
        if (query != null && query.contains("token") && path.equals(request.getRequestURI())) {
            StringBuilder kept = new StringBuilder();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (name.equals("token")) {
                    if (request.getAttribute(TOKEN_ATTRIBUTE) == null && eq >= 0) {
                        request.setAttribute(TOKEN_ATTRIBUTE, decode(pair.substring(eq + 1)));
                    }
                    pair = "token=" + REDACTED;
                }
                kept.append(kept.isEmpty() ? "" : "&").append(pair);
            }
            request.getCoyoteRequest().queryString().setString(kept.toString());
        }
        getNext().invoke(request, response);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
