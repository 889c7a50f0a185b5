package io.stateside.proxy.jdbc.projection;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.persistence.jdbc.db.SlickDatabase;
import akka.persistence.jdbc.db.SlickExtension;
import akka.persistence.jdbc.db.SlickExtensionImpl;
import akka.persistence.query.Offset;
import akka.projection.Projection;
import akka.projection.ProjectionContext;
import akka.projection.ProjectionId;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.javadsl.SourceProvider;
import akka.projection.jdbc.javadsl.JdbcProjection;
import akka.stream.javadsl.FlowWithContext;
import com.google.protobuf.Any;
import com.typesafe.config.Config;
import io.stateside.proxy.eventing.eventlog.ProjectionStore;
import io.stateside.proxy.jdbc.JdbcStore;
import io.stateside.proxy.jdbc.JdbcStoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import slick.jdbc.JdbcDataSource;

/**
 * Event-log subscriptions' offsets in the journal's database, through akka-projection-jdbc, on
 * connections of the journal's pool. The tables come with the journal's schema
 * ({@code stateside/jdbc/*-schema.sql}); {@link #prepare()} checks that they are there.
 */
public final class JdbcProjectionStore implements ProjectionStore {

  private static final String OFFSET_STORE = "akka.projection.jdbc.offset-store";

  private final ActorSystem<?> system;
  private final JdbcDataSource pool;
  private final JdbcStoreSettings settings;
  private final List<String> tables;
  private final Executor blocking;

  public JdbcProjectionStore(ActorSystem<?> system) {
    this.system = system;
    Config config = system.settings().config();
    SlickDatabase database = ((SlickExtensionImpl) SlickExtension.get(system.classicSystem()))
        .database(config.getConfig("jdbc-read-journal"));
    this.pool = database.database().source();
    this.settings = JdbcStoreSettings.from(config);
    this.tables = List.of(config.getString(OFFSET_STORE + ".table"), config.getString(OFFSET_STORE + ".management-table"));
    this.blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig(
        config.getString("akka.projection.jdbc.use-dispatcher")));
  }

  @Override
  public CompletionStage<Done> prepare() {
    return CompletableFuture.supplyAsync(() -> {
      try (PooledJdbcSession session = new PooledJdbcSession(pool)) {
        session.withConnection(this::checkTables);
        return Done.getInstance();
      } catch (SQLException e) {
        throw new IllegalStateException("the offset tables " + tables + " cannot be read (" + e.getMessage() + "): "
            + (settings.createSchema()
                ? "they are created with the journal's schema at start"
                : "create them as docs/jdbc.md shows, or start with STATESIDE_CREATE_SCHEMA=true"), e);
      } catch (Exception e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }, blocking);
  }

  private Done checkTables(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.executeQuery("SELECT * FROM " + quoted(table) + " WHERE 1 = 0").close();
      }
    }
    return Done.getInstance();
  }

  /** The table's name as akka-projection-jdbc writes it in its statements (lower case, quoted on H2). */
  private String quoted(String table) {
    return settings.connection().store() == JdbcStore.H2 ? "\"" + table + "\"" : table;
  }

  @Override
  public Projection<EventEnvelope<Any>> atLeastOnce(ProjectionId id, SourceProvider<Offset, EventEnvelope<Any>> source,
      FlowWithContext<EventEnvelope<Any>, ProjectionContext, Done, ProjectionContext, NotUsed> handler) {
    return JdbcProjection.atLeastOnceFlow(id, source, () -> new PooledJdbcSession(pool), handler, system);
  }
}
