package io.stateside.proxy.entity;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to the user function that one service's entity streams share. An active entity
 * holds one HTTP/2 stream open for as long as it lives, and a server takes only so many streams
 * on one connection (HTTP/2's MAX_CONCURRENT_STREAMS: akka-http allows 256 unless told
 * otherwise, and the RFC asks servers for at least 100). A stream over that limit would wait,
 * without a word, until another entity stops. So each stream goes on the first connection below
 * {@code streamsPerConnection}, and a new connection opens when every one is full. Connections
 * stay open once opened: a load that needed them is likely to come back.
 *
 * @param <C> the kind's generated gRPC client; each one is a connection of its own
 */
public final class UserFunctionConnections<C> {

  private static final Logger log = LoggerFactory.getLogger(UserFunctionConnections.class);

  private static final class Connection<C> {
    final C client;
    int streams;

    Connection(C client) {
      this.client = client;
    }
  }

  private final Supplier<C> connect;
  private final int streamsPerConnection;
  private final String serviceName;
  private final List<Connection<C>> connections = new ArrayList<>();

  public UserFunctionConnections(Supplier<C> connect, int streamsPerConnection, String serviceName) {
    if (streamsPerConnection < 1) {
      throw new IllegalArgumentException("streams per connection must be at least 1, not " + streamsPerConnection);
    }
    this.connect = connect;
    this.streamsPerConnection = streamsPerConnection;
    this.serviceName = serviceName;
  }

  /**
   * A stream opened with {@code open} on a connection that has room for it when the stream is
   * materialized; the room is given back when the stream ends, however it ends.
   */
  public <T> Source<T, NotUsed> stream(Function<C, Source<T, NotUsed>> open) {
    return Source.<T, NotUsed>fromMaterializer((materializer, attributes) -> {
      Connection<C> connection = take();
      return open.apply(connection.client).watchTermination((notUsed, done) -> {
        done.whenComplete((ok, error) -> giveBack(connection));
        return notUsed;
      });
    }).mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  /** How many connections are open. */
  public synchronized int connectionCount() {
    return connections.size();
  }

  private synchronized Connection<C> take() {
    for (Connection<C> connection : connections) {
      if (connection.streams < streamsPerConnection) {
        connection.streams++;
        return connection;
      }
    }
    if (!connections.isEmpty()) {
      log.info("Opening connection {} to the user function for {}: {} entity streams fill the others",
          connections.size() + 1, serviceName, connections.size() * streamsPerConnection);
    }
    Connection<C> opened = new Connection<>(connect.get());
    opened.streams = 1;
    connections.add(opened);
    return opened;
  }

  private synchronized void giveBack(Connection<C> connection) {
    connection.streams--;
  }
}
