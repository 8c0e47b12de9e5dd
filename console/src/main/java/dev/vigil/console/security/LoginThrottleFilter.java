package dev.vigil.console.security;

import dev.vigil.model.json.VigilJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stops a login attempt — HTTP basic credentials, or the sign-in form's POST — before its password is checked
 * while the user name or the client address is locked out by the {@link LoginThrottle}: 429 with
 * {@code Retry-After}, whether or not the password would have been right. Requests without credentials pass.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private static final String BASIC = "basic ";

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = isFormLogin(request);
        String user = form ? request.getParameter("username") : basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (user != null) {
            Optional<Duration> wait = throttle.retryAfter(user, request.getRemoteAddr());
            if (wait.isPresent()) {
                AccessLog.loginThrottled(user, request.getRemoteAddr(), wait.get());
                refuse(request, response, wait.get(), form);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isFormLogin(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod())
                && ConsoleSecurityConfiguration.LOGIN_PAGE.equals(request.getServletPath());
    }

    /** The user name of a basic {@code Authorization} header, or null when there is none or it is malformed. */
    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait, boolean form)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String detail = "Too many failed sign-ins. Try again in " + seconds + " s.";
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        byte[] body;
        if (form) {
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            body = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · Vigil</title>"
                    + "<link rel=\"stylesheet\" href=\"/assets/console.css\"></head><body class=\"login-body\">"
                    + "<main class=\"login-card\"><p class=\"notice error\" role=\"alert\">" + detail + "</p>"
                    + "<p><a href=\"/login\">Back to sign-in</a></p></main></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("title", HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
            problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
            problem.put("detail", detail);
            problem.put("instance", request.getRequestURI());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            body = VigilJson.writeBytes(problem);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
