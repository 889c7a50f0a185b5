package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.grpc.GrpcSingleResponse;
import akka.util.ByteString;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Metadata;
import io.stateside.protocol.MetadataEntry;
import io.stateside.protocol.Reply;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyFixture;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Metadata both ways for an event-sourced entity, through the real proxy: the client's headers
 * reach the user function's command (binary ones as bytes), and the reply's metadata comes back as
 * response headers, but for gRPC's own and the connection's headers, which cross in neither
 * direction. (Actions: {@code ActionTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataTest {

  private static final byte[] TOKEN = {0, 7, (byte) 0x80, (byte) 0xff};

  private ProxyFixture fixture;
  private CounterUserFunction userFunction;
  private CounterServiceClient client;

  @BeforeAll
  void start() {
    fixture = ProxyFixture.start();
    userFunction = fixture.userFunction();
    client = fixture.client();
    // Replies with the command's x- entries under echo- names, plus two a user function must not set.
    userFunction.behave(context -> Optional.of(EventSourcedStreamOut.newBuilder().setReply(EventSourcedReply.newBuilder()
        .setCommandId(context.id())
        .setClientAction(ClientAction.newBuilder().setReply(Reply.newBuilder()
            .setPayload(CounterUserFunction.pack(CounterValue.newBuilder().setValue(context.value()).build()))
            .setMetadata(echoed(context.command().getMetadata())))))
        .build()));
  }

  private static Metadata echoed(Metadata request) {
    Metadata.Builder reply = Metadata.newBuilder()
        .addEntries(MetadataEntry.newBuilder().setKey("grpc-status").setStringValue("13"))
        .addEntries(MetadataEntry.newBuilder().setKey("connection").setStringValue("close"));
    request.getEntriesList().stream()
        .filter(entry -> entry.getKey().startsWith("x-"))
        .forEach(entry -> reply.addEntries(entry.toBuilder().setKey("echo-" + entry.getKey())));
    return reply.build();
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @Test
  void requestHeadersReachTheEntitysCommandAndReplyMetadataBecomesResponseHeaders() {
    GrpcSingleResponse<CounterValue> response = client.increase()
        .addHeader("x-user", "alice")
        .addHeader("x-token-bin", ByteString.fromArray(TOKEN))
        .invokeWithMetadata(IncreaseRequest.newBuilder().setCounterId("metadata-1").setBy(1).build())
        .toCompletableFuture().join();

    assertEquals("alice", response.getHeaders().getText("echo-x-user").orElseThrow());
    assertEquals(ByteString.fromArray(TOKEN), response.getHeaders().getBinary("echo-x-token-bin").orElseThrow());
    assertTrue(response.getHeaders().getText("grpc-status").isEmpty());
    assertTrue(response.getHeaders().getText("connection").isEmpty());

    Metadata seen = commands("metadata-1").get(0).getCommand().getMetadata();
    assertEquals("alice", entry(seen, "x-user").getStringValue());
    assertEquals(com.google.protobuf.ByteString.copyFrom(TOKEN), entry(seen, "x-token-bin").getBytesValue());
    Set<String> keys = seen.getEntriesList().stream().map(MetadataEntry::getKey).collect(Collectors.toSet());
    for (String key : keys) {
      assertFalse(key.startsWith("grpc-") || Set.of("te", "content-type", "user-agent", "host").contains(key),
          "the entity saw " + key + " among " + keys);
    }
  }

  private List<EventSourcedStreamIn> commands(String entityId) {
    return userFunction.received(entityId).stream().filter(EventSourcedStreamIn::hasCommand).toList();
  }

  private static MetadataEntry entry(Metadata metadata, String key) {
    return metadata.getEntriesList().stream().filter(e -> e.getKey().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in " + metadata));
  }
}
