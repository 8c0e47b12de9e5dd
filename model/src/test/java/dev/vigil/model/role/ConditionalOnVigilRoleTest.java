package dev.vigil.model.role;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalOnVigilRoleTest {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnVigilRole(Role.STREAMS)
    static class StreamsOnly {
        @Bean
        String streamsBean() {
            return "streams";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ReadSide {
        @Bean
        @ConditionalOnVigilRole({Role.ALERTING, Role.CONSOLE})
        String readBean() {
            return "read";
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(StreamsOnly.class, ReadSide.class);

    @Test
    void everyRoleRunsWhenNoneIsConfigured() {
        runner.run(context -> assertThat(context).hasBean("streamsBean").hasBean("readBean"));
    }

    @Test
    void aRoleNamedLikeThePrefixOfAnotherDoesNotMatchIt() {
        // The SpEL substring test this replaces matched "streams" for a role list containing "stream".
        runner.withPropertyValues("vigil.roles=ingest,console")
                .run(context -> assertThat(context).doesNotHaveBean("streamsBean").hasBean("readBean"));
    }

    @Test
    void anyOfTheGivenRolesEnablesTheConfiguration() {
        runner.withPropertyValues("vigil.roles=alerting")
                .run(context -> assertThat(context).doesNotHaveBean("streamsBean").hasBean("readBean"));
        runner.withPropertyValues("vigil.roles=STREAMS")
                .run(context -> assertThat(context).hasBean("streamsBean").doesNotHaveBean("readBean"));
    }

    @Test
    void aMisspeltRoleFailsTheStart() {
        runner.withPropertyValues("vigil.roles=stream")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().hasRootCauseInstanceOf(IllegalArgumentException.class)
                        .hasStackTraceContaining(BindException.class.getSimpleName()));
    }
}
