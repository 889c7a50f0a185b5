package io.stateside.tck.environment;

import io.stateside.javasupport.UserFunctionServer;
import io.stateside.tck.javamodel.JavaTckModel;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The user function the TCK tests: where it listens, and how to stop it if the TCK started it. */
public final class UserFunctionUnderTest extends ImplementationUnderTest {

  private UserFunctionUnderTest(String host, int port, String origin, AutoCloseable stopper) {
    super("user function", host, port, origin, stopper);
  }

  /** Starts or finds the user function as the settings say, and waits until it listens. */
  public static UserFunctionUnderTest start(TckSettings settings) throws Exception {
    TckSettings.Endpoint endpoint = settings.userFunction();
    return switch (endpoint.mode()) {
      case IN_PROCESS -> {
        UserFunctionServer server = JavaTckModel.userFunction().host(endpoint.host()).port(endpoint.port()).build()
            .start().toCompletableFuture().get(settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        yield new UserFunctionUnderTest(endpoint.host(), server.port(), "the Java TCK model, in-process",
            () -> server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS));
      }
      case COMMAND -> {
        int port = endpoint.port() != 0 ? endpoint.port() : Ports.free(endpoint.host());
        LaunchedProcess process = LaunchedProcess.start("user function", endpoint.command(),
            Map.of("HOST", endpoint.host(), "PORT", Integer.toString(port)),
            settings.directory(), settings.reportsDirectory().resolve("user-function.log"));
        try {
          Ports.awaitListening("the user function", endpoint.host(), port, settings.startupTimeout(), process::isAlive);
        } catch (RuntimeException | InterruptedException e) {
          process.close();
          throw new IllegalStateException(e.getMessage() + " (see " + process.logFile() + ")", e);
        }
        yield new UserFunctionUnderTest(endpoint.host(), port, "launched with: " + endpoint.command(), process);
      }
      case EXTERNAL -> {
        Ports.awaitListening("the user function", endpoint.host(), endpoint.port(), settings.startupTimeout(), () -> true);
        yield new UserFunctionUnderTest(endpoint.host(), endpoint.port(), "running", () -> { });
      }
      case NONE -> throw new IllegalArgumentException("the TCK needs a user function");
    };
  }
}
