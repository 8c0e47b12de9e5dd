package dev.vigil.console.security;

import dev.vigil.model.json.VigilJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The read API's refusals by Spring Security in the API's one error format, RFC 9457 {@code application/problem+json}
 * (as the controllers answer): 401 with the basic challenge (none for scripts), also for a write without any
 * credentials; 403 for a missing role or CSRF token.
 */
final class ApiProblems {

    private ApiProblems() {
    }

    static AuthenticationEntryPoint unauthorized(String realm) {
        return (request, response, exception) -> {
            // scripts (the console) get no challenge: it would open the browser's own password prompt
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
            }
            write(request, response, HttpStatus.UNAUTHORIZED, "Sign in: HTTP basic credentials or the console's session.");
        };
    }

    /**
     * 403 for a missing role or CSRF token; but a write without any credentials (no session, no basic header) is
     * answered 401 like a read: CSRF is checked before authentication, and "sign in" is what such a client needs.
     */
    static AccessDeniedHandler forbidden(String realm) {
        AuthenticationEntryPoint unauthorized = unauthorized(realm);
        return (request, response, exception) -> {
            if (exception instanceof CsrfException && signedOut()) {
                unauthorized.commence(request, response, null);
                return;
            }
            write(request, response, HttpStatus.FORBIDDEN,
                    "Your role does not allow this request, or its CSRF token is missing.");
        };
    }

    private static boolean signedOut() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated();
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        byte[] body = VigilJson.writeBytes(problem);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
