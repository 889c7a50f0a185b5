package io.stateside.proxy.jdbc.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;

/** The embedded default: H2 in file mode, in a data folder of the test's own. */
public final class H2FileDatabase implements TestDatabase {

  private final Path dataDir = Folders.createTraversable("stateside-h2-file");

  @Override
  public Config proxyConfig() {
    return ConfigFactory.parseMap(Map.of(
        "stateside.jdbc.store", "h2",
        "stateside.jdbc.h2.data-dir", dataDir.toString()));
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public String name() {
    return "H2 file in " + dataDir;
  }

  @Override
  public void close() {
    Folders.deleteQuietly(dataDir);
  }
}
