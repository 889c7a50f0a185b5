package io.stateside.cassandra.launcher.junit;

import io.stateside.cassandra.launcher.CassandraNode;
import io.stateside.cassandra.launcher.CassandraSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One throwaway Cassandra per test class: started before the first test, killed and deleted after
 * the last, whatever happened in between. Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final CassandraExtension cassandra = new CassandraExtension();
 * }</pre>
 *
 * Tests reach the node through {@link #node()} or a {@link CassandraNode} parameter, and may stop,
 * kill and start it. When a test fails, the node's log is kept under {@code target/cassandra-logs}.
 */
public final class CassandraExtension
    implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

  private static final Path FAILURE_LOGS = Path.of("target", "cassandra-logs");

  private final UnaryOperator<CassandraSettings> customizer;
  private CassandraNode node;
  private boolean anyTestFailed;

  public CassandraExtension() {
    this(UnaryOperator.identity());
  }

  /** @param customizer adjusts the default throwaway settings, e.g. to turn on authentication */
  public CassandraExtension(UnaryOperator<CassandraSettings> customizer) {
    this.customizer = customizer;
  }

  public CassandraNode node() {
    if (node == null) {
      throw new IllegalStateException("Cassandra is not started: register the extension in a static field");
    }
    return node;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    node = CassandraNode.create(customizer.apply(CassandraSettings.forTests()));
    try {
      node.start();
    } catch (Exception | Error e) {
      keepLog(context);
      node.close();
      throw e;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    anyTestFailed |= context.getExecutionException().isPresent();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (node == null) {
      return;
    }
    try {
      if (anyTestFailed) {
        keepLog(context);
      }
    } finally {
      node.close();
      node = null;
    }
  }

  private void keepLog(ExtensionContext context) throws IOException {
    if (Files.exists(node.logFile())) {
      Files.createDirectories(FAILURE_LOGS);
      Path kept = FAILURE_LOGS.resolve(context.getRequiredTestClass().getSimpleName() + "-cassandra.log");
      Files.copy(node.logFile(), kept, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CassandraNode.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return node();
  }
}
