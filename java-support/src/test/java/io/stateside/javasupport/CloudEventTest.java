package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A call's CloudEvent, read from its metadata as the proxy sends it, and set on replies. */
class CloudEventTest {

  /** As the proxy sends an event-log event: HTTP-binding names, keys in any case. */
  private static final Metadata FROM_EVENT_LOG = Metadata.of(Map.of(
      "ce-id", "cart-1/4",
      "CE-Source", "shopping-cart",
      "ce-specversion", "1.0",
      "ce-type", "type.googleapis.com/shop.ItemAdded",
      "ce-subject", "cart-1",
      "ce-time", "2026-03-04T05:06:07.123Z",
      "ce-sequence", "4",
      "Content-Type", "application/vnd.cloudstate.protobuf.any",
      "x-other", "not an attribute"));

  @Test
  void theAttributesOfAnEventLogsEventAreReadFromTheMetadata() {
    CloudEvent event = new ActionContext("shop.Subscriber", "OnItemAdded", FROM_EVENT_LOG).cloudEvent().orElseThrow();

    assertEquals("cart-1/4", event.id());
    assertEquals("shopping-cart", event.source());
    assertEquals("1.0", event.specVersion());
    assertEquals("type.googleapis.com/shop.ItemAdded", event.type());
    assertEquals(Optional.of("cart-1"), event.subject());
    assertEquals(Optional.of(Instant.parse("2026-03-04T05:06:07.123Z")), event.time());
    assertEquals(Optional.of(4L), event.sequence());
    assertEquals(Optional.of("application/vnd.cloudstate.protobuf.any"), event.dataContentType());
    assertEquals(Optional.of("shopping-cart"), event.attribute("SOURCE"));
    assertEquals(8, event.attributes().size());
  }

  @Test
  void everyKindOfContextReadsIt() {
    CloudEvent expected = CloudEvent.from(FROM_EVENT_LOG).orElseThrow();
    assertEquals(Optional.of(expected), new CommandContext("product-1", "Add", 1, FROM_EVENT_LOG).cloudEvent());
  }

  @Test
  void aClientsCallHasNone() {
    assertEquals(Optional.empty(), new ActionContext("s", "m", Metadata.of(Map.of("x-user", "ann"))).cloudEvent());
    // Without one of the four required attributes, the metadata describes no event.
    assertEquals(Optional.empty(), CloudEvent.from(Metadata.of(Map.of(
        "ce-id", "1", "ce-source", "s", "ce-type", "t", "ce-subject", "x"))));
  }

  @Test
  void unreadableOptionalAttributesAreAbsentButKept() {
    CloudEvent event = CloudEvent.of("1", "s", "t").withAttribute("time", "yesterday").withAttribute("sequence", "ten");

    assertEquals(Optional.empty(), event.time());
    assertEquals(Optional.empty(), event.sequence());
    assertEquals(Optional.of("yesterday"), event.attribute(CloudEvent.TIME));
  }

  @Test
  void anEventBuiltForATestIsTheOneItsMetadataDescribes() {
    CloudEvent event = CloudEvent.of("cart-1/4", "shopping-cart", "type.googleapis.com/shop.ItemAdded")
        .withSubject("cart-1")
        .withSequence(4)
        .withTime(Instant.parse("2026-03-04T05:06:07.123Z"))
        .withDataContentType("application/vnd.cloudstate.protobuf.any");

    assertEquals(List.of("ce-id", "ce-source", "ce-specversion", "ce-type", "ce-subject", "ce-sequence", "ce-time",
        "content-type"), List.copyOf(event.toMetadata().keys()));
    assertEquals(Optional.of(event), CloudEvent.from(event.toMetadata()));
    assertEquals(CloudEvent.from(FROM_EVENT_LOG), Optional.of(event));
  }

  @Test
  void aReplySetsAttributesOfThePublishedEventThroughItsMetadata() {
    Metadata reply = Metadata.empty()
        .withCloudEvent(CloudEvent.SUBJECT, "product-9")
        .withCloudEvent("Type", "cart-change")
        .withCloudEvent(CloudEvent.DATA_CONTENT_TYPE, "application/json")
        .withCloudEvent("region", "eu");

    assertEquals(List.of("ce-subject", "ce-type", "content-type", "ce-region"), List.copyOf(reply.keys()));
    assertEquals(Optional.of("cart-change"), reply.get("ce-type"));
    assertEquals(Optional.of("application/json"), reply.get("Content-Type"));
    assertThrows(IllegalArgumentException.class, () -> Metadata.empty().withCloudEvent("", "x"));
  }
}
