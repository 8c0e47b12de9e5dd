package dev.vigil.console.pages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's pages (static files under {@code static/}) and the session the single-page console asks about. */
@Configuration(proxyBeanMethods = false)
public class PagesConfiguration {

    @Bean
    ConsolePagesController consolePagesController() {
        return new ConsolePagesController();
    }

    @Bean
    SessionController consoleSessionController() {
        return new SessionController();
    }
}
