package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrpcTimeoutTest {

  @Test
  void readsEveryUnit() {
    assertEquals(Optional.of(Duration.ofHours(2)), GrpcTimeout.parse("2H"));
    assertEquals(Optional.of(Duration.ofMinutes(3)), GrpcTimeout.parse("3M"));
    assertEquals(Optional.of(Duration.ofSeconds(4)), GrpcTimeout.parse("4S"));
    assertEquals(Optional.of(Duration.ofMillis(250)), GrpcTimeout.parse("250m"));
    assertEquals(Optional.of(Duration.ofNanos(7_000)), GrpcTimeout.parse("7u"));
    assertEquals(Optional.of(Duration.ofNanos(99_999_999)), GrpcTimeout.parse("99999999n"));
  }

  @Test
  void ignoresMalformedValues() {
    assertEquals(Optional.empty(), GrpcTimeout.parse("S"));
    assertEquals(Optional.empty(), GrpcTimeout.parse("10x"));
    assertEquals(Optional.empty(), GrpcTimeout.parse("123456789S"));
    assertEquals(Optional.empty(), GrpcTimeout.parse("-5S"));
  }
}
