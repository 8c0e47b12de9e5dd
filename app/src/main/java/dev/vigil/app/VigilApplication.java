package dev.vigil.app;

import dev.vigil.app.cli.RunCommand;
import dev.vigil.app.cli.VigilCommand;
import dev.vigil.app.config.VigilProperties;
import dev.vigil.app.embedded.VigilEmbeddedProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Vigil's entry point: picocli dispatches the command line, and only {@code vigil run} boots Spring, so
 * {@code replay} and {@code rules} start fast. The roles come from the stage modules' auto-configurations.
 */
@SpringBootApplication
@EnableConfigurationProperties({VigilProperties.class, VigilEmbeddedProperties.class})
public class VigilApplication {

    public static void main(String[] args) {
        RunCommand run = new RunCommand(VigilApplication::start);
        int exitCode = VigilCommand.commandLine(run).execute(args);
        if (exitCode != 0 || !run.isRunning()) {
            System.exit(exitCode);
        }
        // vigil run is serving: the JVM lives on until Ctrl-C / SIGTERM closes the context through Spring's hook.
    }

    /**
     * Starts the application as {@code vigil run} does: the embedded servers the configuration lacks first
     * ({@link dev.vigil.app.embedded.EmbeddedStackInitializer}, registered in {@code META-INF/spring.factories} so
     * that tests starting the context get them too), then the context with the configured roles. {@code args} are
     * Spring Boot arguments ({@code --name=value}).
     */
    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(VigilApplication.class);
        application.setMainApplicationClass(VigilApplication.class);
        return application.run(args);
    }
}
