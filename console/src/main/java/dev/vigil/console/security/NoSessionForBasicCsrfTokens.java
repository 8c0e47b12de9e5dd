package dev.vigil.console.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The console's CSRF tokens live in its session, as usual — but a request with HTTP basic credentials and no
 * session gets none saved: a basic client authenticates every request and needs no CSRF token, and saving one
 * would open a session (and set a cookie) for a caller that is meant to be stateless.
 */
final class NoSessionForBasicCsrfTokens implements CsrfTokenRepository {

    private final CsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (basicWithoutSession(request)) {
            return;
        }
        sessions.saveToken(token, request, response);
    }

    /** A request with HTTP basic credentials and no session: a stateless API client. */
    static boolean basicWithoutSession(HttpServletRequest request) {
        return request.getSession(false) == null
                && LoginThrottleFilter.basicUser(request.getHeader(HttpHeaders.AUTHORIZATION)) != null;
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return sessions.loadToken(request);
    }
}
