package io.stateside.proxy.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {

  private final AtomicLong now = new AtomicLong();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final ThrottledLog log;

  ThrottledLogTest() {
    Logger logger = (Logger) LoggerFactory.getLogger("throttled-log-test");
    lines.start();
    logger.addAppender(lines);
    log = new ThrottledLog(logger, Duration.ofSeconds(10), now::get);
  }

  @Test
  void logsEachKindOncePerIntervalAndCountsWhatItHeldBack() {
    for (int i = 0; i < 1000; i++) {
      log.warn("stream-failed", "entity {} failed", i);
    }
    log.warn("journal-failed", "journal failed");
    assertEquals(2, lines.list.size());
    assertEquals("entity 0 failed", lines.list.get(0).getFormattedMessage());

    now.addAndGet(Duration.ofSeconds(10).toNanos());
    log.warn("stream-failed", "entity {} failed", 1000);
    assertEquals(3, lines.list.size());
    String summary = lines.list.get(2).getFormattedMessage();
    assertTrue(summary.startsWith("entity 1000 failed"), summary);
    assertTrue(summary.contains("999 more like it"), summary);
  }

  @Test
  void aQuietKindLogsAgainWithoutASummary() {
    log.info("activation", "first");
    now.addAndGet(Duration.ofMinutes(1).toNanos());
    log.info("activation", "second");
    assertEquals("second", lines.list.get(1).getFormattedMessage());
  }
}
