package io.godwit.dist;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * DM's {@code log-level} and {@code log-file} for a long-running process: the root level, and the log
 * written to a file instead of stderr, in the same pattern as {@code logback.xml}.
 */
final class LogSettings {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%X{task:-}/%X{source:-}/%X{unit:-}]"
            + " %logger{20} - %msg%n";
    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error", "fatal");

    private LogSettings() {}

    /** DM's level name as logback's; DM's {@code fatal} is logback's ERROR. */
    static Level level(String dmLevel) {
        String l = dmLevel.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(l)) {
            throw new GodwitException(ErrorCode.CONFIG_INVALID, "log-level \"" + dmLevel
                    + "\" is not one of debug, info, warn, error, fatal");
        }
        return l.equals("fatal") ? Level.ERROR : Level.toLevel(l);
    }

    /** The root level as DM names it ({@code info} when logging is not logback's). */
    static String effectiveLevel() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return "info";
        }
        Level level = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getEffectiveLevel();
        return level.toString().toLowerCase(Locale.ROOT);
    }

    /** Applies {@code level} (DM's debug, info, warn, error, fatal) and {@code file}; null leaves that one as is. */
    static void apply(String level, String file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another slf4j binding: it is configured its own way
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (level != null) {
            root.setLevel(level(level));
        }
        if (file != null && !file.isEmpty()) {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern(PATTERN);
            encoder.start();
            FileAppender<ILoggingEvent> appender = new FileAppender<>();
            appender.setContext(context);
            appender.setName("FILE");
            appender.setFile(file);
            appender.setAppend(true);
            appender.setEncoder(encoder);
            appender.start();
            if (!appender.isStarted()) {
                throw new GodwitException(ErrorCode.CONFIG_INVALID, "log-file " + file + " cannot be written");
            }
            root.detachAppender("STDERR");
            root.addAppender(appender);
        }
    }
}
