package dev.vigil.console.security;

import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Turns Spring Security's authentication events — published for form and HTTP basic logins alike — into access
 * log lines and the throttle's failure counts. The event carries the attempted user name and the client address
 * (the request's remote address, which honours forwarded headers when Spring Boot is told to trust them); the
 * password is never read from it.
 */
final class LoginEventListener implements ApplicationListener<AbstractAuthenticationEvent> {

    private final LoginThrottle throttle;

    LoginEventListener(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void onApplicationEvent(AbstractAuthenticationEvent event) {
        Authentication authentication = event.getAuthentication();
        String user = authentication.getName();
        String address = address(authentication);
        if (event instanceof AuthenticationSuccessEvent) {
            throttle.succeeded(user);
            AccessLog.loginSucceeded(user, address);
        } else if (event instanceof AbstractAuthenticationFailureEvent failure) {
            throttle.failed(user, address);
            AccessLog.loginFailed(user, address, failure.getException().getClass().getSimpleName());
        }
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
    }
}
