package io.stateside.tck.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import io.stateside.protocol.Metadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks the eventing scenarios make of what a proxy delivers and what an entity emits. */
class EventLogModelTest {

  private static final String TYPE = "type.googleapis.com/cloudstate.tck.model.eventlogeventing.EventOne";

  private static Metadata without(String key) {
    Metadata full = EventLogModel.eventMetadata("eventlogeventing-one", "e-1", 1, TYPE);
    return Metadata.newBuilder().addAllEntries(
        full.getEntriesList().stream().filter(entry -> !entry.getKey().equalsIgnoreCase(key)).toList()).build();
  }

  @Test
  void theMetadataOfAnEventLogsEventPassesWithKeysInAnyCase() {
    Metadata upper = Metadata.newBuilder().addAllEntries(EventLogModel.eventMetadata("eventlogeventing-one", "e-1", 1, TYPE)
        .getEntriesList().stream().map(entry -> entry.toBuilder().setKey(entry.getKey().toUpperCase()).build()).toList())
        .build();
    EventLogModel.expectEventMetadata(upper, "eventlogeventing-one", "e-1", TYPE);
  }

  @Test
  void aProxyLeavingOutAnAttributeSubscribersNeedFails() {
    for (String key : List.of("ce-id", "ce-source", "ce-specversion", "ce-type", "ce-subject", "Content-Type")) {
      assertThrows(AssertionError.class,
          () -> EventLogModel.expectEventMetadata(without(key), "eventlogeventing-one", "e-1", TYPE), key);
    }
  }

  @Test
  void aProxyNamingTheWrongSourceSubjectOrTypeFails() {
    Metadata metadata = EventLogModel.eventMetadata("eventlogeventing-one", "e-1", 1, TYPE);
    assertThrows(AssertionError.class, () -> EventLogModel.expectEventMetadata(metadata, "eventlogeventing-two", "e-1", TYPE));
    assertThrows(AssertionError.class, () -> EventLogModel.expectEventMetadata(metadata, "eventlogeventing-one", "e-2", TYPE));
    assertThrows(AssertionError.class, () -> EventLogModel.expectEventMetadata(metadata, "eventlogeventing-one", "e-1",
        "type.googleapis.com/cloudstate.tck.model.eventlogeventing.EventTwo"));
  }

  @Test
  void aJsonEventIsReadFromFieldOneOfItsValue() {
    Any event = Any.newBuilder().setTypeUrl("json.cloudstate.io/Anything")
        .setValue(BytesValue.of(ByteString.copyFromUtf8("{\"message\":\"hi\",\"more\":1}")).toByteString()).build();
    assertEquals("hi", EventLogModel.jsonMessage("the event", event));
  }

  @Test
  void whatIsNotAJsonEventInCloudstatesEncodingFails() {
    Any protobuf = Any.newBuilder().setTypeUrl("type.googleapis.com/Anything")
        .setValue(BytesValue.of(ByteString.copyFromUtf8("{\"message\":\"hi\"}")).toByteString()).build();
    Any bareJson = Any.newBuilder().setTypeUrl("json.cloudstate.io/Anything")
        .setValue(ByteString.copyFromUtf8("{\"message\":\"hi\"}")).build();
    Any noMessage = Any.newBuilder().setTypeUrl("json.cloudstate.io/Anything")
        .setValue(BytesValue.of(ByteString.copyFromUtf8("{\"text\":\"hi\"}")).toByteString()).build();
    for (Any wrong : List.of(protobuf, bareJson, noMessage)) {
      assertThrows(AssertionError.class, () -> EventLogModel.jsonMessage("the event", wrong), wrong.toString());
    }
  }
}
