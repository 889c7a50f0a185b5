package io.stateside.tck.environment;

/**
 * An implementation the TCK tests (a proxy or a user function): where it listens, how the TCK got
 * hold of it, and how to stop it if the TCK started it.
 */
public abstract sealed class ImplementationUnderTest implements AutoCloseable
    permits ProxyUnderTest, UserFunctionUnderTest {

  private final String role;
  private final String host;
  private final int port;
  private final String origin;
  private final AutoCloseable stopper;

  ImplementationUnderTest(String role, String host, int port, String origin, AutoCloseable stopper) {
    this.role = role;
    this.host = host;
    this.port = port;
    this.origin = origin;
    this.stopper = stopper;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** How the TCK got hold of it, for the report. */
  public String origin() {
    return origin + " at " + host + ":" + port;
  }

  /** Stops it if the TCK started it. */
  @Override
  public void close() {
    try {
      stopper.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the " + role + ": " + e.getMessage(), e);
    }
  }
}
