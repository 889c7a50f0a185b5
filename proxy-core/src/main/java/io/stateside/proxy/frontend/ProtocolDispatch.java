package io.stateside.proxy.frontend;

import akka.actor.ActorSystem;
import akka.http.javadsl.model.HttpMethod;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.RequestEntityAcceptances;
import akka.http.javadsl.server.Directives;
import akka.http.javadsl.server.Route;
import akka.http.javadsl.settings.ServerSettings;
import akka.japi.function.Function;
import ch.megard.akka.http.cors.javadsl.CorsDirectives;
import ch.megard.akka.http.cors.javadsl.settings.CorsSettings;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.config.ProxySettings;
import io.stateside.proxy.frontend.http.HttpJsonFrontend;
import io.stateside.proxy.frontend.reflection.ServerReflection;
import io.stateside.proxy.routing.CommandRouter;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;

/**
 * The one handler on HTTP_PORT: gRPC and gRPC-web calls go to the gRPC frontend (akka-grpc reads
 * all three framings), reflection calls to server reflection, and every other request to the
 * HTTP/JSON transcoding. Requests from a browser (they carry an Origin) pass CORS first, which
 * also answers their preflight requests.
 */
public final class ProtocolDispatch implements Function<HttpRequest, CompletionStage<HttpResponse>> {

  private final GrpcFrontend grpc;
  private final ServerReflection reflection;
  private final HttpJsonFrontend http;
  private final Function<HttpRequest, CompletionStage<HttpResponse>> withCors;

  private ProtocolDispatch(GrpcFrontend grpc, ServerReflection reflection, HttpJsonFrontend http, ActorSystem system) {
    this.grpc = grpc;
    this.reflection = reflection;
    this.http = http;
    // akka-grpc's WebHandler applies this CORS directive to gRPC-web alone and answers anything
    // else 415, HTTP/JSON included; so the directive wraps the whole dispatch here.
    CorsSettings cors = corsSettings(system.settings().config());
    Route route = Directives.handleRejections(CorsDirectives.corsRejectionHandler(),
        () -> CorsDirectives.cors(cors, () -> Directives.handle(this::dispatch)));
    this.withCors = route.seal().handler(system);
  }

  public static ProtocolDispatch of(CommandRouter router, Collection<ServiceDescriptor> services,
                                    ProxySettings settings, ActorSystem system) {
    return new ProtocolDispatch(
        new GrpcFrontend(router, settings, system),
        new ServerReflection(services, system),
        HttpJsonFrontend.of(services, router, settings, system),
        system);
  }

  /** The server settings to bind with: the given ones, accepting the custom HTTP methods of the user's rules. */
  public ServerSettings serverSettings(ServerSettings base) {
    HttpMethod[] custom = http.customMethods().stream()
        .map(name -> HttpMethods.custom(name, false, false, RequestEntityAcceptances.Tolerated))
        .toArray(HttpMethod[]::new);
    return custom.length == 0 ? base : base.withParserSettings(base.getParserSettings().withCustomMethods(custom));
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest request) throws Exception {
    return request.getHeader("origin").isPresent() ? PlainFutures.of(withCors.apply(request)) : dispatch(request);
  }

  private CompletionStage<HttpResponse> dispatch(HttpRequest request) {
    if (!request.entity().getContentType().mediaType().toString().startsWith("application/grpc")) {
      return http.apply(request);
    }
    Iterator<String> segments = request.getUri().pathSegments().iterator();
    if (segments.hasNext() && ServerReflection.SERVICES.contains(segments.next())) {
      return reflection.apply(request);
    }
    return grpc.apply(request);
  }

  /** akka-http-cors' settings, with the proxy's own (stateside.proxy.cors) over them. */
  private static CorsSettings corsSettings(Config config) {
    Config cors = config.getConfig("stateside.proxy.cors").withFallback(config.getConfig("akka-http-cors"));
    return CorsSettings.create(ConfigFactory.empty().withValue("akka-http-cors", cors.root()));
  }
}
