package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Empty;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values as JSON in Cloudstate's encoding: {@code json.cloudstate.io/<name>}, the JSON text in field 1. */
class JsonTypeTest {

  record Moved(String from, String to, List<Integer> steps) {}

  /** Jackson also reads classes with public fields, as Cloudstate's Java library's users write them. */
  public static final class Legacy {
    public String message;
  }

  private static final JsonType<Moved> MOVED = JsonType.of("Moved", Moved.class);

  /** The encoding as any library writes it: a message with the JSON bytes as field 1. */
  private static Any encodedByHand(String name, String json) {
    return Any.newBuilder().setTypeUrl("json.cloudstate.io/" + name)
        .setValue(BytesValue.of(ByteString.copyFromUtf8(json)).toByteString()).build();
  }

  @Test
  void aValueIsWrittenAsItsJsonTextInFieldOne() throws Exception {
    Any encoded = MOVED.encode(new Moved("a", "b", List.of(1, 2)));

    assertEquals("json.cloudstate.io/Moved", encoded.getTypeUrl());
    assertEquals("{\"from\":\"a\",\"to\":\"b\",\"steps\":[1,2]}", BytesValue.parseFrom(encoded.getValue()).getValue().toStringUtf8());
    assertEquals("{\"from\":\"a\",\"to\":\"b\",\"steps\":[1,2]}", JsonType.jsonBytes(encoded).toStringUtf8());
  }

  @Test
  void aValueWrittenByAnyLibraryIsReadIgnoringUnknownProperties() {
    assertEquals(new Moved("x", "y", List.of()),
        MOVED.decode(encodedByHand("Moved", "{\"to\":\"y\",\"from\":\"x\",\"steps\":[],\"speed\":3}")));
    assertEquals("hello", JsonType.of("Legacy", Legacy.class).decode(encodedByHand("Legacy", "{\"message\":\"hello\"}")).message);
  }

  @Test
  void valuesAreRecognisedByTheirTypeUrl() {
    Any moved = MOVED.encode(new Moved("a", "b", List.of()));

    assertTrue(MOVED.matches(moved));
    assertTrue(JsonType.isJson(moved));
    assertFalse(JsonType.of("Other", Moved.class).matches(moved));
    assertFalse(JsonType.isJson(MessageType.pack(Empty.getDefaultInstance())));
  }

  @Test
  void whatIsNotAValueOfTheTypeIsRefused() {
    assertEquals("Expected json.cloudstate.io/Moved, got json.cloudstate.io/Other",
        assertThrows(IllegalArgumentException.class, () -> MOVED.decode(encodedByHand("Other", "{}"))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> MOVED.decode(encodedByHand("Moved", "{not json")));
    assertThrows(IllegalArgumentException.class, () -> JsonType.jsonBytes(MessageType.pack(Empty.getDefaultInstance())));
    assertThrows(IllegalArgumentException.class, () -> JsonType.of("a/b", Moved.class));
    assertThrows(IllegalArgumentException.class, () -> JsonType.of(" ", Moved.class));
  }
}
