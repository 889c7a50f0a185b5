package io.stateside.cluster.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * The shopping-cart sample's own runtime class path (samples/shopping-cart/target, written when
 * the sample is packaged), so that its JVM runs as a user function would: without the proxy's
 * jars, whose reference.conf would make it a cluster node.
 */
final class SampleClassPath {

  private SampleClassPath() {}

  static String get() {
    Path target = Paths.get("..", "samples", "shopping-cart", "target").toAbsolutePath().normalize();
    Path listing = target.resolve("classpath.txt");
    try (Stream<Path> files = Files.list(target)) {
      Path jar = files
          .filter(file -> file.getFileName().toString().matches("stateside-sample-shopping-cart-.*\\.jar"))
          .filter(file -> !file.getFileName().toString().matches(".*-(tests|sources)\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("the shopping-cart sample is not packaged in " + target));
      return jar + java.io.File.pathSeparator + Files.readString(listing).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("the shopping-cart sample is not packaged in " + target
          + " (mvn -pl samples/shopping-cart -am package)", e);
    }
  }
}
