package io.stateside.proxy.frontend.http;

import static io.stateside.proxy.frontend.http.ProbeService.get;
import static io.stateside.proxy.frontend.http.ProbeService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.HttpRule;
import io.stateside.example.counter.CounterProto;
import io.stateside.protocol.EntitySpec;
import io.stateside.proxy.discovery.SpecValidator;
import io.stateside.proxy.entity.EntityKinds;
import io.stateside.proxy.eventsourced.EventSourcedKind;
import io.stateside.proxy.frontend.http.ProbeService.Method;
import io.stateside.proxy.testing.CounterUserFunction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which google.api.http rules discovery accepts, and what it says about the others. */
class HttpRulesTest {

  private static List<String> problems(Method... methods) {
    return HttpRules.of(List.of(ProbeService.descriptor(List.of(methods)))).problems();
  }

  private static void assertOneProblem(String expected, Method... methods) {
    List<String> problems = problems(methods);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains(expected), problems.toString());
  }

  @Test
  void aMethodWithoutRuleGetsTheDefaultBinding() {
    HttpRules rules = HttpRules.of(List.of(ProbeService.descriptor(List.of(Method.withoutRule("Plain")))));

    assertEquals(List.of(), rules.problems());
    assertEquals("POST /stateside.test.ProbeService/Plain", rules.bindings().get(0).toString());
    assertTrue(rules.bindings().get(0).bodyIsWholeMessage());
  }

  @Test
  void refusesAPathVariableNamingAMissingField() {
    assertOneProblem("names no field 'nosuch'", Method.unary("Get", get("/v1/{nosuch}")));
    assertOneProblem("names no field 'missing' in stateside.example.probe.Inner",
        Method.unary("Get", get("/v1/{inner.missing}")));
  }

  @Test
  void refusesAPathVariableOnARepeatedOrMessageField() {
    assertOneProblem("singular scalar", Method.unary("Get", get("/v1/{tags}")));
    assertOneProblem("singular scalar", Method.unary("Get", get("/v1/{inner}")));
  }

  @Test
  void refusesTwoRulesOnOnePath() {
    assertOneProblem("matches the same requests as GET /v1/probes/{id}",
        Method.unary("Get", get("/v1/probes/{id}")), Method.unary("Other", get("/v1/probes/{text}")));
  }

  @Test
  void acceptsOnePathWithDifferentHttpMethodsOrVerbs() {
    assertEquals(List.of(), problems(
        Method.unary("Get", get("/v1/probes/{id}")),
        Method.unary("Create", post("/v1/probes/{id}", "*")),
        Method.unary("Archive", post("/v1/probes/{id}:archive", "*"))));
  }

  @Test
  void refusesABodyOrResponseBodyNamingAMissingField() {
    assertOneProblem("body 'nosuch' is no field", Method.unary("Create", post("/v1/probes", "nosuch")));
    assertOneProblem("response_body 'nosuch' is no field",
        Method.unary("Get", HttpRule.newBuilder().setGet("/v1/probes").setResponseBody("nosuch").build()));
  }

  @Test
  void refusesAMalformedTemplate() {
    assertOneProblem("does not start with /", Method.unary("Get", get("v1/probes")));
    assertOneProblem("lacks '}'", Method.unary("Get", get("/v1/{id")));
    assertOneProblem("** before its last segment", Method.unary("Get", get("/v1/**/probes")));
  }

  @Test
  void refusesARuleOnAClientStreamingMethod() {
    assertOneProblem("unary and server-streaming methods only",
        Method.unary("Collect", post("/v1/collect", "*")).asClientStreaming());
  }

  @Test
  void discoveryRefusesASpecWithAnInvalidRule() {
    SpecValidator validator = new SpecValidator(
        new EntityKinds(List.of(new EventSourcedKind(), new ProbeKind())), Duration.ofSeconds(30), false);
    EntitySpec spec = ProbeKind.withProbeService(EntitySpec.newBuilder()
            .setProto(CounterUserFunction.descriptorSet(CounterProto.getDescriptor()).toByteString()).build(),
        List.of(Method.unary("Get", get("/v1/probes/{nosuch}"))));

    List<String> problems = assertInstanceOf(SpecValidator.Refused.class, validator.validate(spec)).problems();

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("method stateside.test.ProbeService.Get: "), problems.get(0));
  }

  @Test
  void templatesMatchSegmentsVerbsAndTheRestOfThePath() {
    PathTemplate template = PathTemplate.parse("/v1/{name=shelves/*}/books/{rest=**}:read");

    assertEquals(Map.of("name", "shelves/s1", "rest", "a/b"),
        template.match(List.of("v1", "shelves", "s1", "books", "a", "b:read")).orElseThrow());
    assertEquals(Map.of("name", "shelves/s1", "rest", ""),
        template.match(List.of("v1", "shelves", "s1", "books:read")).orElseThrow(), "** matches no segment too");
    assertTrue(template.match(List.of("v1", "shelves", "s1", "books", "a")).isEmpty(), "the verb is required");
    assertTrue(template.match(List.of("v1", "racks", "s1", "books", "a:read")).isEmpty(), "literals must match");
  }
}
