package io.stateside.tck.discovery;

import io.stateside.protocol.Entity;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.UserFunctionError;
import io.stateside.tck.interceptor.DiscoveryInterceptor;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import io.stateside.tck.scenario.Specs;
import io.stateside.tck.scenario.TckContext;
import java.util.List;
import java.util.Set;

/**
 * Discovery, both ways: the spec the user function declares, and the proxy info the proxy sends
 * and what it makes of the spec.
 */
public final class DiscoveryScenarios implements ScenarioGroup {

  /** The entity types of Cloudstate protocol 0.2. */
  static final Set<String> PROTOCOL_ENTITY_TYPES = Set.of(
      "cloudstate.eventsourced.EventSourced",
      "cloudstate.valueentity.ValueEntity",
      "cloudstate.crdt.Crdt",
      "cloudstate.action.ActionProtocol");

  @Override
  public String id() {
    return "discovery";
  }

  @Override
  public String name() {
    return "discovery";
  }

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        Scenario.userFunction("declares a usable entity spec", List.of(), DiscoveryScenarios::usableSpec),
        Scenario.userFunction("speaks protocol 0.x", List.of(), DiscoveryScenarios::protocolVersion),
        Scenario.userFunction("accepts an error report", List.of(), DiscoveryScenarios::acceptsErrorReport),
        Scenario.proxy("sends its proxy info", List.of(), DiscoveryScenarios::proxyInfo),
        Scenario.proxy("supports every declared entity type", List.of(), DiscoveryScenarios::supportsDeclaredTypes),
        Scenario.proxy("accepts the spec without reporting an error", List.of(), DiscoveryScenarios::noErrorReported));
  }

  private static void usableSpec(TckContext tck) {
    EntitySpec spec = tck.declaredSpec();
    Expect.that(spec.getEntitiesCount() > 0, "the spec declares no entity");
    Set<String> services = Specs.services(spec);
    for (Entity entity : spec.getEntitiesList()) {
      Expect.that(services.contains(entity.getServiceName()), "entity " + entity.getServiceName()
          + " names a service its descriptors do not define (they define " + services + ")");
      Expect.that(PROTOCOL_ENTITY_TYPES.contains(entity.getEntityType()), "entity " + entity.getServiceName()
          + " has entity type '" + entity.getEntityType() + "', which is none of " + PROTOCOL_ENTITY_TYPES);
    }
  }

  private static void protocolVersion(TckContext tck) {
    ServiceInfo info = tck.declaredSpec().getServiceInfo();
    // Older support libraries leave the version unset, which reads as 0.0.
    Expect.equal("the protocol major version in the user function's service info", 0, info.getProtocolMajorVersion());
  }

  private static void acceptsErrorReport(TckContext tck) throws Exception {
    tck.await(tck.userFunctionDiscovery().reportError(
        UserFunctionError.newBuilder().setMessage("The TCK checks that error reports are accepted; nothing is wrong.").build()));
  }

  private static void proxyInfo(TckContext tck) {
    ProxyInfo info = firstDiscovery(tck).proxyInfo();
    Expect.equal("the proxy's protocol major version", 0, info.getProtocolMajorVersion());
    Expect.equal("the proxy's protocol minor version", 2, info.getProtocolMinorVersion());
    Expect.that(!info.getProxyName().isBlank(), "the proxy sent no proxy name");
    Expect.that(!info.getSupportedEntityTypesList().isEmpty(), "the proxy declared no supported entity type");
    for (String type : info.getSupportedEntityTypesList()) {
      Expect.that(PROTOCOL_ENTITY_TYPES.contains(type),
          "the proxy declared entity type '" + type + "', which is none of " + PROTOCOL_ENTITY_TYPES);
    }
  }

  private static void supportsDeclaredTypes(TckContext tck) {
    List<String> supported = firstDiscovery(tck).proxyInfo().getSupportedEntityTypesList();
    for (Entity entity : tck.declaredSpec().getEntitiesList()) {
      Expect.that(supported.contains(entity.getEntityType()), "the user function declares " + entity.getServiceName()
          + " as " + entity.getEntityType() + ", which the proxy does not list as supported " + supported);
    }
  }

  private static void noErrorReported(TckContext tck) {
    List<UserFunctionError> errors = tck.traffic().discovery().reportedErrors();
    Expect.that(errors.isEmpty(), "the proxy reported errors in a valid spec: "
        + errors.stream().map(UserFunctionError::getMessage).toList());
  }

  private static DiscoveryInterceptor.Exchange firstDiscovery(TckContext tck) {
    return tck.traffic().discovery().exchanges().stream()
        .filter(exchange -> exchange.spec().isPresent())
        .findFirst()
        .orElseThrow(() -> new AssertionError("the proxy never discovered the user function"));
  }
}
