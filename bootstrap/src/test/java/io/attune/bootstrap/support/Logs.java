package io.attune.bootstrap.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/** Everything logged while it runs, Attune's own loggers at DEBUG, with the messages of thrown exceptions. */
public final class Logs extends AppenderBase<ILoggingEvent> {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger attune = (Logger) LoggerFactory.getLogger("io.attune");
    private Level attuneLevel;

    public static Logs capture() {
        Logs logs = new Logs();
        logs.setContext(logs.root.getLoggerContext());
        logs.start();
        logs.attuneLevel = logs.attune.getLevel();
        logs.attune.setLevel(Level.DEBUG);
        logs.root.addAppender(logs);
        return logs;
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void stop() {
        root.detachAppender(this);
        attune.setLevel(attuneLevel);
        super.stop();
    }
}
