package dev.vigil.console.security;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Throttling of console and API logins (form and HTTP basic): after too many failed logins for one user name, or
 * from one address, within the window, further logins for it are answered 429 with {@code Retry-After} — even
 * with the right password — for the lockout, which doubles with every further failure up to the maximum.
 *
 * @param maxFailuresPerUser    failed logins of one user name within the failure window before it is locked out
 * @param maxFailuresPerAddress failed logins from one client address within the failure window before it is
 *                              locked out (higher than per user: several people may share an address)
 * @param failureWindow         how long a failed login counts; a successful login forgets the user's failures
 * @param lockout               the first lockout; every further failure after it doubles it
 * @param maxLockout            the longest lockout
 * @param trackedKeys           user names and addresses remembered at most; the least recently seen is forgotten
 *                              first, so that guessing with ever new user names cannot grow the memory
 */
@ConfigurationProperties("vigil.console.login")
@Validated
public record LoginThrottleProperties(
        @DefaultValue("5") @Min(1) int maxFailuresPerUser,
        @DefaultValue("20") @Min(1) int maxFailuresPerAddress,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("30s") Duration lockout,
        @DefaultValue("15m") Duration maxLockout,
        @DefaultValue("10000") @Min(16) int trackedKeys) {
}
