package io.stateside.proxy.cassandra;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.persistence.query.Offset;
import akka.projection.Projection;
import akka.projection.ProjectionContext;
import akka.projection.ProjectionId;
import akka.projection.cassandra.javadsl.CassandraProjection;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.javadsl.SourceProvider;
import akka.stream.alpakka.cassandra.javadsl.CassandraSession;
import akka.stream.alpakka.cassandra.javadsl.CassandraSessionRegistry;
import akka.stream.javadsl.FlowWithContext;
import com.google.protobuf.Any;
import com.typesafe.config.Config;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.eventing.eventlog.ProjectionStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Event-log subscriptions' offsets in Cassandra, through akka-projection-cassandra, on the
 * journal's own session (same contact points and credentials), in the journal's keyspace.
 * {@link #prepare()} creates the tables when the proxy creates its schema, and otherwise checks
 * that they are there.
 */
public final class CassandraProjectionStore implements ProjectionStore {

  private final Config config;
  private final CassandraSession session;
  private final boolean createTables;

  public CassandraProjectionStore(ActorSystem<?> system) {
    this.config = system.settings().config();
    // The journal has asked for this session first (it starts with the proxy), so the session's
    // initialisation is the journal's: its keyspace and tables exist once the session is up.
    this.session = CassandraSessionRegistry.get(system)
        .sessionFor(config.getString("akka.projection.cassandra.session-config-path"));
    this.createTables = config.getBoolean("akka.persistence.cassandra.journal.tables-autocreate");
  }

  @Override
  public CompletionStage<Done> prepare() {
    if (createTables) {
      CompletionStage<Done> created = CompletableFuture.completedFuture(Done.getInstance());
      for (String statement : OffsetTables.createStatements(config)) {
        created = created.thenCompose(done -> PlainFutures.of(session.executeDDL(statement)));
      }
      return created;
    }
    List<String> tables = OffsetTables.names(config);
    CompletionStage<Done> checked = CompletableFuture.completedFuture(Done.getInstance());
    for (String table : tables) {
      checked = checked.thenCompose(done -> PlainFutures.of(
              session.selectOne("SELECT projection_name FROM " + table + " LIMIT 1")))
          .thenApply(row -> Done.getInstance());
    }
    return checked.exceptionallyCompose(error -> CompletableFuture.failedFuture(new IllegalStateException(
        "the offset tables " + tables + " cannot be read (" + error.getMessage()
            + "): create them with the schema that CassandraSchema prints (docs/cassandra.md)", error)));
  }

  @Override
  public Projection<EventEnvelope<Any>> atLeastOnce(ProjectionId id, SourceProvider<Offset, EventEnvelope<Any>> source,
      FlowWithContext<EventEnvelope<Any>, ProjectionContext, Done, ProjectionContext, NotUsed> handler) {
    return CassandraProjection.atLeastOnceFlow(id, source, handler);
  }
}
