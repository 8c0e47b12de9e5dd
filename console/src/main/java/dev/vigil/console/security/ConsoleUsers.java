package dev.vigil.console.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Builds the console's user store from {@link ConsoleSecurityProperties}. The local default gets one {@code admin}
 * whose generated password is printed once to the console that started Vigil — never to the log.
 */
final class ConsoleUsers {

    static final String DEFAULT_ADMIN = "admin";
    private static final int GENERATED_PASSWORD_BYTES = 18;

    private ConsoleUsers() {
    }

    static InMemoryUserDetailsManager of(ConsoleSecurityProperties properties, PasswordEncoder encoder,
                                         PrintStream console) {
        if (!properties.users().isEmpty()) {
            List<UserDetails> users = properties.users().stream()
                    .map(user -> User.withUsername(user.username())
                            .password(user.password())
                            .authorities(user.role().authority())
                            .build())
                    .toList();
            return new InMemoryUserDetailsManager(users);
        }
        String password = properties.password();
        if (password == null || password.isBlank()) {
            password = generatePassword();
            console.println("Vigil console and API login: user '" + DEFAULT_ADMIN + "', generated password '"
                    + password + "' (set VIGIL_CONSOLE_PASSWORD or vigil.console.users to choose your own)");
        }
        // a configured password is not announced: `vigil run` says in its ready summary where it comes from
        return new InMemoryUserDetailsManager(User.withUsername(DEFAULT_ADMIN)
                .password(encoder.encode(password))
                .authorities(ConsoleRole.ADMIN.authority())
                .build());
    }

    private static String generatePassword() {
        byte[] random = new byte[GENERATED_PASSWORD_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
