package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.http.javadsl.model.HttpHeader;
import com.google.protobuf.ByteString;
import io.stateside.protocol.Metadata;
import io.stateside.protocol.MetadataEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {

  private static MetadataEntry text(String key, String value) {
    return MetadataEntry.newBuilder().setKey(key).setStringValue(value).build();
  }

  private static MetadataEntry bytes(String key, byte... value) {
    return MetadataEntry.newBuilder().setKey(key).setBytesValue(ByteString.copyFrom(value)).build();
  }

  private static List<String> rendered(MetadataEntry... entries) {
    return ResponseHeaders.of(Metadata.newBuilder().addAllEntries(List.of(entries)).build()).stream()
        .map(header -> header.name() + ": " + header.value())
        .toList();
  }

  @Test
  void textEntriesBecomeHeadersWithLowerCaseNames() {
    assertEquals(List.of("x-user: alice"), rendered(text("X-User", "alice")));
  }

  @Test
  void binaryEntriesAreSentBase64EncodedUnderBinNames() {
    assertEquals(List.of("x-token-bin: AAH/"), rendered(bytes("x-token-bin", (byte) 0, (byte) 1, (byte) 0xff)));
  }

  @Test
  void reservedAndConnectionHeadersAreLeftOut() {
    assertEquals(List.of(), rendered(text("grpc-status", "13"), text("grpc-message", "x"), text("content-type", "text/plain"),
        text("connection", "close"), text("transfer-encoding", "chunked"), text(":status", "500")));
  }

  @Test
  void entriesThatCannotBeHeadersAreLeftOut() {
    assertEquals(List.of("ok: fine"), rendered(
        text("line-break", "a\r\nb"), text("not ascii", "v"), bytes("bytes-without-bin-name", (byte) 1),
        text("text-bin", "not bytes"), text("ok", "fine")));
  }

  @Test
  void noMetadataNoHeaders() {
    List<HttpHeader> none = ResponseHeaders.of(Metadata.getDefaultInstance());
    assertEquals(List.of(), none);
  }
}
