package io.stateside.proxy.frontend.reflection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.grpc.GrpcClientSettings;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.reflection.v1alpha.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.stateside.protocol.reflection.ServerReflectionClient;
import io.stateside.proxy.testing.ProxyFixture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Server reflection through a real proxy: grpc-java's v1alpha reflection client and an akka-grpc
 * v1 client list the user's services, resolve a method's input type from the descriptors they
 * are served, and call the method with a message built from those descriptors alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerReflectionTest {

  private static final String COUNTER = "stateside.example.counter.CounterService";

  private ProxyFixture fixture;
  private ManagedChannel channel;

  @BeforeAll
  void start() {
    fixture = ProxyFixture.start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", fixture.proxy().httpPort()).usePlaintext().build();
  }

  @AfterAll
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(20, TimeUnit.SECONDS);
    fixture.close();
  }

  /** One request on a reflection stream of grpc-java's v1alpha client, and its one answer. */
  private ServerReflectionResponse ask(ServerReflectionRequest request) {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {
            answer.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            answer.completeExceptionally(error);
          }

          @Override
          public void onCompleted() {
            answer.completeExceptionally(new IllegalStateException("completed without an answer"));
          }
        });
    requests.onNext(request);
    ServerReflectionResponse response = answer.join();
    requests.onCompleted();
    return response;
  }

  @Test
  void listsTheUsersServicesOnly() {
    ServerReflectionResponse response = ask(ServerReflectionRequest.newBuilder().setListServices("*").build());

    assertEquals(List.of(COUNTER), response.getListServicesResponse().getServiceList().stream()
        .map(ServiceResponse::getName).toList());
  }

  @Test
  void resolvesAMethodsInputTypeAndCallsTheMethodDynamically() throws Exception {
    ServerReflectionResponse response = ask(ServerReflectionRequest.newBuilder()
        .setFileContainingSymbol(COUNTER + ".Increase").build());
    FileDescriptor file = link(response.getFileDescriptorResponse().getFileDescriptorProtoList());
    MethodDescriptor increase = file.findServiceByName("CounterService").findMethodByName("Increase");

    assertEquals("stateside.example.counter.IncreaseRequest", increase.getInputType().getFullName());
    assertEquals(List.of("counter_id", "by"), increase.getInputType().getFields().stream().map(f -> f.getName()).toList());

    DynamicMessage request = DynamicMessage.newBuilder(increase.getInputType())
        .setField(increase.getInputType().findFieldByName("counter_id"), "reflected")
        .setField(increase.getInputType().findFieldByName("by"), 6L)
        .build();
    DynamicMessage reply = ClientCalls.blockingUnaryCall(channel, io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(COUNTER + "/Increase")
            .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(increase.getInputType())))
            .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(increase.getOutputType())))
            .build(),
        CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);

    assertEquals(6L, reply.getField(increase.getOutputType().findFieldByName("value")));
  }

  @Test
  void servesAFileByNameWithItsImportsAndNamesWhatItLacks() throws Exception {
    ServerReflectionResponse response = ask(ServerReflectionRequest.newBuilder()
        .setFileByFilename("stateside/example/counter.proto").build());
    List<String> names = names(response.getFileDescriptorResponse().getFileDescriptorProtoList());
    assertEquals("stateside/example/counter.proto", names.get(0));
    assertTrue(names.contains("cloudstate/entity_key.proto"), names.toString());

    ServerReflectionResponse missing = ask(ServerReflectionRequest.newBuilder()
        .setFileContainingSymbol("cloudstate.EntityDiscovery").build());
    assertEquals(io.grpc.Status.Code.NOT_FOUND.value(), missing.getErrorResponse().getErrorCode());
  }

  @Test
  void answersTheV1ServiceToo() throws Exception {
    ServerReflectionClient client = ServerReflectionClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", fixture.proxy().httpPort(), fixture.proxy().system())
            .withTls(false).withDeadline(Duration.ofSeconds(20)),
        fixture.proxy().system());
    try {
      List<io.stateside.protocol.reflection.ServerReflectionResponse> answers = client.serverReflectionInfo(Source.from(List.of(
              io.stateside.protocol.reflection.ServerReflectionRequest.newBuilder().setListServices("").build(),
              io.stateside.protocol.reflection.ServerReflectionRequest.newBuilder()
                  .setFileContainingSymbol("stateside.example.counter.CounterValue").build())))
          .runWith(Sink.seq(), fixture.proxy().system())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);

      assertEquals(COUNTER, answers.get(0).getListServicesResponse().getService(0).getName());
      assertEquals("stateside/example/counter.proto",
          names(answers.get(1).getFileDescriptorResponse().getFileDescriptorProtoList()).get(0));
    } finally {
      client.close();
    }
  }

  private static List<String> names(List<ByteString> files) throws InvalidProtocolBufferException {
    List<String> names = new java.util.ArrayList<>();
    for (ByteString file : files) {
      names.add(FileDescriptorProto.parseFrom(file).getName());
    }
    return names;
  }

  /** Links the first file with the others it imports, as a reflection client does. */
  private static FileDescriptor link(List<ByteString> serialized) throws InvalidProtocolBufferException, DescriptorValidationException {
    Map<String, FileDescriptorProto> protos = new HashMap<>();
    for (ByteString bytes : serialized) {
      FileDescriptorProto proto = FileDescriptorProto.parseFrom(bytes);
      protos.put(proto.getName(), proto);
    }
    return link(FileDescriptorProto.parseFrom(serialized.get(0)).getName(), protos, new HashMap<>());
  }

  private static FileDescriptor link(String name, Map<String, FileDescriptorProto> protos, Map<String, FileDescriptor> linked)
      throws DescriptorValidationException {
    if (linked.containsKey(name)) {
      return linked.get(name);
    }
    FileDescriptorProto proto = protos.get(name);
    FileDescriptor[] dependencies = new FileDescriptor[proto.getDependencyCount()];
    for (int i = 0; i < dependencies.length; i++) {
      dependencies[i] = link(proto.getDependency(i), protos, linked);
    }
    FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
    linked.put(name, file);
    return file;
  }
}
