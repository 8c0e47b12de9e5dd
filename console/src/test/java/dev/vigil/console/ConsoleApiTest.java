package dev.vigil.console;

import dev.vigil.console.triage.TriageTestApplication;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The console role on a random port over the embedded broker and node, with one user per role — {@code ana}
 * (analyst), {@code vera} (viewer), {@code ada} (admin), all with {@link #PASSWORD}: the set-up of the API ITs that
 * check who may do what (triage, compliance, dead letters).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
@SpringBootTest(classes = TriageTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.roles=console",
                "vigil.console.users[0].username=ana", "vigil.console.users[0].password={noop}" + ConsoleApiTest.PASSWORD,
                "vigil.console.users[0].role=analyst",
                "vigil.console.users[1].username=vera", "vigil.console.users[1].password={noop}" + ConsoleApiTest.PASSWORD,
                "vigil.console.users[1].role=viewer",
                "vigil.console.users[2].username=ada", "vigil.console.users[2].password={noop}" + ConsoleApiTest.PASSWORD,
                "vigil.console.users[2].role=admin"})
public @interface ConsoleApiTest {

    /** The password of every user of the set-up. */
    String PASSWORD = "console-api-it-password";
}
