package io.stateside.proxy.frontend.http;

import com.google.api.AnnotationsProto;
import com.google.api.HttpBodyProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.example.probe.ProbeProto;
import io.stateside.proxy.testing.CounterUserFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The service of the HTTP tests, declared by each test with the methods and google.api.http rules
 * it needs, as a user function's descriptor set would carry it. Its methods take a Probe and
 * answer one, unless they say otherwise.
 */
final class ProbeService {

  static final String PACKAGE = "stateside.test";
  static final String NAME = PACKAGE + ".ProbeService";
  static final String PROBE = ".stateside.example.probe.Probe";
  static final String HTTP_BODY = ".google.api.HttpBody";

  record Method(String name, Optional<HttpRule> rule, boolean clientStreaming, boolean serverStreaming,
                String inputType, String outputType) {

    static Method unary(String name, HttpRule rule) {
      return new Method(name, Optional.of(rule), false, false, PROBE, PROBE);
    }

    static Method serverStreaming(String name, HttpRule rule) {
      return new Method(name, Optional.of(rule), false, true, PROBE, PROBE);
    }

    static Method withoutRule(String name) {
      return new Method(name, Optional.empty(), false, false, PROBE, PROBE);
    }

    Method types(String input, String output) {
      return new Method(name, rule, clientStreaming, serverStreaming, input, output);
    }

    Method asClientStreaming() {
      return new Method(name, rule, true, serverStreaming, inputType, outputType);
    }

    MethodDescriptorProto proto() {
      MethodDescriptorProto.Builder method = MethodDescriptorProto.newBuilder()
          .setName(name).setInputType(inputType).setOutputType(outputType)
          .setClientStreaming(clientStreaming).setServerStreaming(serverStreaming);
      rule.ifPresent(r -> method.setOptions(MethodOptions.newBuilder().setExtension(AnnotationsProto.http, r)));
      return method.build();
    }
  }

  private ProbeService() {}

  static FileDescriptorProto file(List<Method> methods) {
    ServiceDescriptorProto.Builder service = ServiceDescriptorProto.newBuilder().setName("ProbeService");
    methods.forEach(m -> service.addMethod(m.proto()));
    return FileDescriptorProto.newBuilder()
        .setName("stateside/test/probe_service.proto")
        .setPackage(PACKAGE)
        .setSyntax("proto3")
        .addDependency(ProbeProto.getDescriptor().getName())
        .addDependency(AnnotationsProto.getDescriptor().getName())
        .addDependency(HttpBodyProto.getDescriptor().getName())
        .addService(service)
        .build();
  }

  /** The service's file and every file it imports, as a user function sends them. */
  static FileDescriptorSet descriptorSet(List<Method> methods) {
    Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
    Stream.of(ProbeProto.getDescriptor(), AnnotationsProto.getDescriptor(), HttpBodyProto.getDescriptor())
        .flatMap(f -> CounterUserFunction.descriptorSet(f).getFileList().stream())
        .forEach(f -> files.putIfAbsent(f.getName(), f));
    return FileDescriptorSet.newBuilder().addAllFile(files.values()).addFile(file(methods)).build();
  }

  /** The service, linked as discovery links it. */
  static ServiceDescriptor descriptor(List<Method> methods) {
    try {
      return FileDescriptor.buildFrom(file(methods), new FileDescriptor[] {
          ProbeProto.getDescriptor(), AnnotationsProto.getDescriptor(), HttpBodyProto.getDescriptor()})
          .findServiceByName("ProbeService");
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpRule get(String path) {
    return HttpRule.newBuilder().setGet(path).build();
  }

  static HttpRule post(String path, String body) {
    return HttpRule.newBuilder().setPost(path).setBody(body).build();
  }
}
