package io.stateside.proxy.frontend;

import java.time.Duration;
import java.util.Optional;

/** Reads the {@code grpc-timeout} request header: up to 8 digits and a unit letter. */
final class GrpcTimeout {

  private GrpcTimeout() {}

  static Optional<Duration> parse(String header) {
    if (header.length() < 2 || header.length() > 9) {
      return Optional.empty();
    }
    String digits = header.substring(0, header.length() - 1);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    long amount = Long.parseLong(digits);
    return switch (header.charAt(header.length() - 1)) {
      case 'H' -> Optional.of(Duration.ofHours(amount));
      case 'M' -> Optional.of(Duration.ofMinutes(amount));
      case 'S' -> Optional.of(Duration.ofSeconds(amount));
      case 'm' -> Optional.of(Duration.ofMillis(amount));
      case 'u' -> Optional.of(Duration.ofNanos(amount * 1_000));
      case 'n' -> Optional.of(Duration.ofNanos(amount));
      default -> Optional.empty();
    };
  }
}
