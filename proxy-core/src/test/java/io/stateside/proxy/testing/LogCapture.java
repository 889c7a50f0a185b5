package io.stateside.proxy.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what is logged (through logback) while it is open. */
public final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  /** Events at INFO or above so far. */
  public List<ILoggingEvent> linesAtInfoOrAbove() {
    // The appender adds under its own lock.
    synchronized (appender) {
      return appender.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO)).toList();
    }
  }

  /** Formatted messages at INFO or above that contain the text. */
  public List<String> linesContaining(String text) {
    return linesAtInfoOrAbove().stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(text)).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
