package dev.vigil.ingest.webhook;

import dev.vigil.ingest.auth.IngestAuthInterceptor;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import java.io.IOException;

/**
 * Closes the connection instead of draining the body when the webhook answered without reading it (401, 403, 408,
 * 413, 429 …; marked by {@link IngestAuthInterceptor#UNREAD_BODY_ATTRIBUTE}). Tomcat otherwise reads the rest of a
 * refused body (up to {@code server.tomcat.max-swallow-size}) before it frees the thread — at the pace of the
 * client, so a client trickling a body could hold the thread long after the answer, even without a token.
 */
final class UnreadBodyValve extends ValveBase {

    UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.getAttribute(IngestAuthInterceptor.UNREAD_BODY_ATTRIBUTE) != null) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
