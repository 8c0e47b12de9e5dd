package dev.vigil.console;

import dev.vigil.embedded.WithEmbeddedKafka;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One application context for the console's integration tests (so Spring caches and shares it): role
 * {@code console} on a random port, the embedded Kafka, a viewer and an admin ({@link ConsoleUsersForTests}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithEmbeddedKafka
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "vigil.roles=console",
                "server.address=127.0.0.1",
                "vigil.console.stream.heartbeat=1s",
                "vigil.console.users[0].username=" + ConsoleUsersForTests.VIEWER,
                "vigil.console.users[0].password={noop}" + ConsoleUsersForTests.VIEWER_PASSWORD,
                "vigil.console.users[0].role=viewer",
                "vigil.console.users[1].username=" + ConsoleUsersForTests.ADMIN,
                "vigil.console.users[1].password=" + ConsoleUsersForTests.ADMIN_PASSWORD_HASH,
                "vigil.console.users[1].role=admin"})
public @interface ConsoleIntegrationTest {
}
