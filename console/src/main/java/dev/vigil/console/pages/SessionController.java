package dev.vigil.console.pages;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/**
 * {@code GET /v1/session}: who is signed in, with which roles, and the CSRF token the console needs for
 * state-changing requests such as signing out.
 */
@RestController
class SessionController {

    private static final String ROLE_PREFIX = "ROLE_";

    @GetMapping("/v1/session")
    Session session(Authentication authentication, CsrfToken csrf) {
        List<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()).toLowerCase(Locale.ROOT))
                .toList();
        return new Session(authentication.getName(), roles,
                csrf == null ? null : new Csrf(csrf.getHeaderName(), csrf.getParameterName(), csrf.getToken()));
    }

    record Session(String username, List<String> roles, Csrf csrf) {
    }

    record Csrf(String header, String parameter, String token) {
    }
}
