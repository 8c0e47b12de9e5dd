package dev.vigil.ingest.auth;

import dev.vigil.model.json.VigilJson;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Guards the audit webhook before its body is read: {@code 401} without valid credentials, {@code 403} when the
 * path names a cluster the credentials may not post as. On success the request carries the cluster to record
 * ({@link #CLUSTER_ATTRIBUTE}). It is a handler interceptor rather than Spring Security so that the webhook stays
 * protected the same way whether or not the console's security filter chain is present.
 */
public final class IngestAuthInterceptor implements HandlerInterceptor {

    /** Request attribute holding the authorised cluster name (a String). */
    public static final String CLUSTER_ATTRIBUTE = IngestAuthInterceptor.class.getName() + ".cluster";
    /** Request attribute holding the {@link IngestPrincipal}. */
    public static final String PRINCIPAL_ATTRIBUTE = IngestAuthInterceptor.class.getName() + ".principal";

    /**
     * Request attribute set when the answer leaves the body unread (any non-null value): the connection is then
     * closed after the answer instead of drained, so that a slow sender does not keep the thread.
     */
    public static final String UNREAD_BODY_ATTRIBUTE = IngestAuthInterceptor.class.getName() + ".unreadBody";

    static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    private static final Logger LOG = LoggerFactory.getLogger(IngestAuthInterceptor.class);

    private final IngestAuthenticator authenticator;
    private final MeterRegistry registry;

    public IngestAuthInterceptor(IngestAuthenticator authenticator, MeterRegistry registry) {
        this.authenticator = authenticator;
        this.registry = registry;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Optional<IngestPrincipal> principal = authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION),
                (X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE));
        if (principal.isEmpty()) {
            deny(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "a valid bearer token or TLS client certificate is required");
            return false;
        }
        String cluster = pathCluster(request);
        if (cluster == null) {
            cluster = principal.get().defaultCluster();
        } else if (!principal.get().mayPostAs(cluster)) {
            deny(request, response, HttpStatus.FORBIDDEN, "forbidden",
                    "these credentials may not post audit events for this cluster");
            LOG.warn("Ingest credentials '{}' tried to post as another cluster from {}", principal.get().name(),
                    request.getRemoteAddr());
            return false;
        }
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal.get());
        request.setAttribute(CLUSTER_ATTRIBUTE, cluster);
        return true;
    }

    @SuppressWarnings("unchecked")
    private static String pathCluster(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? ((Map<String, String>) map).get("cluster") : null;
    }

    private void deny(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String reason,
                      String detail) throws IOException {
        registry.counter("vigil.ingest.auth.denied", "reason", reason).increment();
        if (status == HttpStatus.UNAUTHORIZED) {
            LOG.warn("Rejected an ingest request without valid credentials from {}", request.getRemoteAddr());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vigil-ingest\"");
        }
        // The body is not read: close the connection instead of draining an unauthenticated upload.
        request.setAttribute(UNREAD_BODY_ATTRIBUTE, Boolean.TRUE);
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        byte[] body = VigilJson.writeBytes(problem);
        // With its length the answer is complete before the connection closes, even if the client is still sending.
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
