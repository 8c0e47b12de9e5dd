package dev.vigil.embedded;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every log line of this JVM (all loggers, all levels that reach the root logger), message and stack trace, so
 * that a test can assert that no secret sent in an event was logged. Attached to the root logger and to every
 * configured logger; detached on {@link #close()}. Lives here because the tests of several modules need it.
 */
public final class CapturedLogs extends AbstractAppender implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    private CapturedLogs() {
        super("captured-logs", null, null, true, Property.EMPTY_ARRAY);
    }

    public static CapturedLogs attach() {
        CapturedLogs appender = new CapturedLogs();
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, org.apache.logging.log4j.Level.ALL, null);
        configuration.getLoggers().values().forEach(logger -> logger.addAppender(appender, null, null));
        context.updateLoggers();
        return appender;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                .append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().removeAppender(getName());
        configuration.getLoggers().values().forEach(logger -> logger.removeAppender(getName()));
        context.updateLoggers();
        stop();
    }
}
