package io.stateside.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArgsTest {

  @Test
  void parsesDurations() {
    assertEquals(Duration.ofMillis(250), Args.parseDuration("250ms"));
    assertEquals(Duration.ofSeconds(20), Args.parseDuration("20s"));
    assertEquals(Duration.ofMillis(1500), Args.parseDuration("1.5s"));
    assertEquals(Duration.ofMinutes(2), Args.parseDuration("2m"));
    assertEquals(Duration.ofSeconds(3), Args.parseDuration("3"));
    assertThrows(IllegalArgumentException.class, () -> Args.parseDuration("soon"));
  }

  @Test
  void reportsOptionsNothingRead() {
    Args args = Args.parse(new String[] {"run", "--port", "9000", "--in-fligth", "8"}, 1);

    assertEquals(9000, args.integer("port", 0));
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, args::requireAllRead);
    assertEquals("Unknown option(s): --in-fligth", error.getMessage());
  }

  @Test
  void refusesAnOptionWithoutValue() {
    assertThrows(IllegalArgumentException.class, () -> Args.parse(new String[] {"run", "--port"}, 1));
  }
}
