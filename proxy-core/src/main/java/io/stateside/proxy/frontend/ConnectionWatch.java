package io.stateside.proxy.frontend;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.http.impl.engine.http2.TelemetrySpi;
import akka.http.scaladsl.model.HttpRequest;
import akka.http.scaladsl.model.HttpResponse;
import akka.stream.javadsl.BidiFlow;
import akka.stream.javadsl.Flow;
import akka.stream.scaladsl.Tcp;
import akka.util.ByteString;
import io.stateside.proxy.telemetry.ThrottledLog;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the open client connections of the HTTP/2 server and says in the log (at most once a
 * minute) when they reach {@code akka.http.server.max-connections}: from then on new clients
 * wait in the accept queue, and without this line nothing would tell why. akka-http calls its
 * telemetry hook for every accepted connection; that hook is the only place that sees them.
 */
public final class ConnectionWatch implements TelemetrySpi {

  private static final Logger log = LoggerFactory.getLogger(ConnectionWatch.class);

  private final ThrottledLog throttled = new ThrottledLog(log, Duration.ofMinutes(1));
  private final AtomicInteger open = new AtomicInteger();
  private final int maxConnections;
  private final String idleTimeout;

  public ConnectionWatch(ActorSystem system) {
    this.maxConnections = system.settings().config().getInt("akka.http.server.max-connections");
    this.idleTimeout = system.settings().config().getString("akka.http.server.idle-timeout");
  }

  @Override
  public akka.stream.scaladsl.Flow<Tcp.IncomingConnection, Tcp.IncomingConnection, NotUsed> serverBinding() {
    return Flow.<Tcp.IncomingConnection>create().map(this::watched).asScala();
  }

  private Tcp.IncomingConnection watched(Tcp.IncomingConnection connection) {
    if (open.incrementAndGet() >= maxConnections) {
      throttled.warn("limit", "{} client connections open, the limit (akka.http.server.max-connections): new "
          + "connections wait until one closes; idle ones close after {}", maxConnections, idleTimeout);
    }
    Flow<ByteString, ByteString, NotUsed> counted = connection.flow().asJava()
        .watchTermination((mat, closed) -> {
          closed.whenComplete((done, error) -> open.decrementAndGet());
          return mat;
        });
    return new Tcp.IncomingConnection(connection.localAddress(), connection.remoteAddress(), counted.asScala());
  }

  @Override
  public akka.stream.scaladsl.BidiFlow<HttpRequest, HttpRequest, HttpResponse, HttpResponse, NotUsed> client() {
    return BidiFlow.<HttpRequest, HttpResponse>identity().asScala();
  }

  @Override
  public akka.stream.scaladsl.BidiFlow<HttpResponse, HttpResponse, HttpRequest, HttpRequest, NotUsed> serverConnection() {
    return BidiFlow.<HttpResponse, HttpRequest>identity().asScala();
  }
}
