package io.stateside.cluster.testing;

/** Reads values out of a Prometheus text exposition. */
public final class Exposition {

  private Exposition() {}

  /** The sum of the samples named {@code name} whose labels contain every one of {@code labels}. */
  public static double sum(String exposition, String name, String... labels) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      boolean matches = true;
      for (String label : labels) {
        matches &= line.contains(label);
      }
      if (matches) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  public static boolean has(String exposition, String name) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        return true;
      }
    }
    return false;
  }
}
