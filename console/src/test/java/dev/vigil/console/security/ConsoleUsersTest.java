package dev.vigil.console.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleUsersTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void withoutUsersThereIsOneAdminWithAGeneratedPasswordPrintedOnce() {
        InMemoryUserDetailsManager users = ConsoleUsers.of(new ConsoleSecurityProperties(List.of(), null, false),
                encoder, console);

        String output = printed.toString(StandardCharsets.UTF_8);
        Matcher password = Pattern.compile("user 'admin', generated password '([A-Za-z0-9_-]{24})'").matcher(output);
        assertThat(password.find()).as(output).isTrue();
        assertThat(output.lines()).hasSize(1);
        UserDetails admin = users.loadUserByUsername("admin");
        assertThat(admin.getPassword()).startsWith("{bcrypt}").doesNotContain(password.group(1));
        assertThat(encoder.matches(password.group(1), admin.getPassword())).isTrue();
        assertThat(admin.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ADMIN");
    }

    @Test
    void generatedPasswordsDifferPerStart() {
        ConsoleUsers.of(new ConsoleSecurityProperties(List.of(), null, false), encoder, console);
        ConsoleUsers.of(new ConsoleSecurityProperties(List.of(), "", false), encoder, console);

        List<String> passwords = Pattern.compile("generated password '([^']+)'")
                .matcher(printed.toString(StandardCharsets.UTF_8)).results().map(match -> match.group(1)).toList();
        assertThat(passwords).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void theConfiguredDefaultPasswordIsUsedAndNeverPrinted() {
        InMemoryUserDetailsManager users = ConsoleUsers.of(
                new ConsoleSecurityProperties(List.of(), "from-the-environment", false), encoder, console);

        assertThat(printed.toString(StandardCharsets.UTF_8)).as("vigil run's ready summary says where it comes from")
                .isEmpty();
        assertThat(encoder.matches("from-the-environment", users.loadUserByUsername("admin").getPassword())).isTrue();
    }

    @Test
    void configuredUsersGetTheirRolesAndNoDefaultAdminExists() {
        ConsoleSecurityProperties properties = new ConsoleSecurityProperties(List.of(
                new ConsoleSecurityProperties.User("vera", "{noop}pw", ConsoleRole.VIEWER),
                new ConsoleSecurityProperties.User("ada", encoder.encode("admin-pw"), ConsoleRole.ADMIN)), null, false);

        InMemoryUserDetailsManager users = ConsoleUsers.of(properties, encoder, console);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(users.userExists("admin")).isFalse();
        assertThat(users.loadUserByUsername("vera").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_VIEWER");
        assertThat(encoder.matches("pw", users.loadUserByUsername("vera").getPassword())).isTrue();
        assertThat(encoder.matches("admin-pw", users.loadUserByUsername("ada").getPassword())).isTrue();
    }

    @Test
    void propertiesNeverShowPasswords() {
        ConsoleSecurityProperties properties = new ConsoleSecurityProperties(
                List.of(new ConsoleSecurityProperties.User("vera", "{noop}visible-secret", ConsoleRole.VIEWER)),
                "default-secret", true);

        assertThat(properties.toString()).contains("vera", "VIEWER", "prometheusOpen=true")
                .doesNotContain("visible-secret", "default-secret");
    }
}
