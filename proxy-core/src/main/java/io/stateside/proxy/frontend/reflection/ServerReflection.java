package io.stateside.proxy.frontend.reflection;

import akka.actor.ActorSystem;
import akka.grpc.javadsl.GoogleProtobufSerializer;
import akka.grpc.javadsl.GrpcExceptionHandler;
import akka.grpc.javadsl.GrpcMarshalling;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.japi.function.Function;
import akka.stream.Materializer;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.Status;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.protocol.reflection.ErrorResponse;
import io.stateside.protocol.reflection.ExtensionNumberResponse;
import io.stateside.protocol.reflection.FileDescriptorResponse;
import io.stateside.protocol.reflection.ListServiceResponse;
import io.stateside.protocol.reflection.ServerReflectionRequest;
import io.stateside.protocol.reflection.ServerReflectionResponse;
import io.stateside.protocol.reflection.ServiceResponse;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * gRPC server reflection ({@code grpc.reflection.v1} and {@code v1alpha}, whose messages are the
 * same on the wire) for the user's services: lists them and serves the files that define them,
 * each with everything it imports, so tools call them without the .proto files.
 */
public final class ServerReflection implements Function<HttpRequest, CompletionStage<HttpResponse>> {

  private static final String METHOD = "ServerReflectionInfo";
  /** The reflection services, as a gRPC path's first segment names them. */
  public static final Set<String> SERVICES =
      Set.of("grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

  private static final GoogleProtobufSerializer<ServerReflectionRequest> REQUESTS =
      new GoogleProtobufSerializer<>(ServerReflectionRequest.parser());
  private static final GoogleProtobufSerializer<ServerReflectionResponse> RESPONSES =
      new GoogleProtobufSerializer<>(ServerReflectionResponse.parser());
  private static final CompletionStage<HttpResponse> NOT_GRPC =
      CompletableFuture.completedFuture(HttpResponse.create().withStatus(StatusCodes.UNSUPPORTED_MEDIA_TYPE));

  private final DescriptorIndex index;
  private final ActorSystem system;
  private final Materializer materializer;

  public ServerReflection(Collection<ServiceDescriptor> userServices, ActorSystem system) {
    this.index = new DescriptorIndex(userServices);
    this.system = system;
    this.materializer = Materializer.matFromSystem(system);
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest request) {
    List<String> path = new java.util.ArrayList<>();
    request.getUri().pathSegments().forEach(path::add);
    return GrpcMarshalling.negotiated(request, (reader, writer) -> {
      if (path.size() != 2 || !path.get(1).equals(METHOD)) {
        return CompletableFuture.completedFuture(GrpcExceptionHandler.standard(
            Status.UNIMPLEMENTED.withDescription("no method " + request.getUri().path()).asRuntimeException(),
            GrpcExceptionHandler.defaultMapper(), writer, system));
      }
      return PlainFutures.of(GrpcMarshalling.unmarshalStream(request.entity(), REQUESTS, materializer, reader))
          .thenApply(requests -> GrpcMarshalling.marshalStream(
              requests.map(this::answer), RESPONSES, writer, system, GrpcExceptionHandler.defaultMapper()));
    }).orElse(NOT_GRPC);
  }

  ServerReflectionResponse answer(ServerReflectionRequest request) {
    ServerReflectionResponse.Builder response = ServerReflectionResponse.newBuilder()
        .setValidHost(request.getHost())
        .setOriginalRequest(request);
    switch (request.getMessageRequestCase()) {
      case LIST_SERVICES -> {
        ListServiceResponse.Builder list = ListServiceResponse.newBuilder();
        index.services().forEach(name -> list.addService(ServiceResponse.newBuilder().setName(name)));
        response.setListServicesResponse(list);
      }
      case FILE_BY_FILENAME -> files(response, index.fileByName(request.getFileByFilename()),
          "no file " + request.getFileByFilename());
      case FILE_CONTAINING_SYMBOL -> files(response, index.fileContainingSymbol(request.getFileContainingSymbol()),
          "no symbol " + request.getFileContainingSymbol());
      case FILE_CONTAINING_EXTENSION -> files(response, index.fileContainingExtension(
              request.getFileContainingExtension().getContainingType(),
              request.getFileContainingExtension().getExtensionNumber()),
          "no extension " + request.getFileContainingExtension().getExtensionNumber() + " of "
              + request.getFileContainingExtension().getContainingType());
      case ALL_EXTENSION_NUMBERS_OF_TYPE -> {
        String type = request.getAllExtensionNumbersOfType();
        Optional<List<Integer>> numbers = index.extensionNumbers(type);
        if (numbers.isPresent()) {
          response.setAllExtensionNumbersResponse(ExtensionNumberResponse.newBuilder()
              .setBaseTypeName(type).addAllExtensionNumber(numbers.get()));
        } else {
          response.setErrorResponse(error(Status.Code.NOT_FOUND, "no message type " + type));
        }
      }
      case MESSAGEREQUEST_NOT_SET -> response.setErrorResponse(
          error(Status.Code.INVALID_ARGUMENT, "the request asks for nothing"));
    }
    return response.build();
  }

  private static void files(ServerReflectionResponse.Builder response, Optional<List<ByteString>> files, String missing) {
    if (files.isPresent()) {
      response.setFileDescriptorResponse(FileDescriptorResponse.newBuilder().addAllFileDescriptorProto(files.get()));
    } else {
      response.setErrorResponse(error(Status.Code.NOT_FOUND, missing));
    }
  }

  private static ErrorResponse error(Status.Code code, String message) {
    return ErrorResponse.newBuilder().setErrorCode(code.value()).setErrorMessage(message).build();
  }
}
