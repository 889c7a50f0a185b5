package io.stateside.proxy.embedded.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.embedded.store.EmbeddedStoreSettings;
import io.stateside.proxy.jdbc.testing.Folders;
import io.stateside.proxy.jdbc.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh data folder for the embedded store, deleted on close. */
public final class DataFolder implements TestDatabase {

  private final Path path = Folders.createTraversable("stateside-embedded");

  public Path path() {
    return path;
  }

  /** Settings overrides that put the embedded store in this folder. */
  @Override
  public Config proxyConfig() {
    return ConfigFactory.parseMap(Map.of("stateside.embedded.data-dir", path.toString()));
  }

  /** The store's settings from reference.conf, in this folder. */
  public EmbeddedStoreSettings settings(Map<String, Object> overrides) {
    return EmbeddedStoreSettings.from(ConfigFactory.parseMap(overrides)
        .withFallback(proxyConfig())
        .withFallback(ConfigFactory.defaultReference())
        .resolve());
  }

  /** Bytes of every file in the folder. */
  public long size() {
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return "embedded store in " + path;
  }

  @Override
  public void close() {
    Folders.deleteQuietly(path);
  }
}
