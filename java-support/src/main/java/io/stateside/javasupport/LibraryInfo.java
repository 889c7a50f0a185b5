package io.stateside.javasupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the library says about itself at discovery. */
final class LibraryInfo {

  static final String NAME = "stateside-java-support";
  static final String VERSION = loadVersion();
  static final int PROTOCOL_MAJOR_VERSION = 0;
  static final int PROTOCOL_MINOR_VERSION = 2;

  private LibraryInfo() {}

  static String runtime() {
    return "Java " + System.getProperty("java.version");
  }

  private static String loadVersion() {
    try (InputStream in = LibraryInfo.class.getResourceAsStream("library.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
