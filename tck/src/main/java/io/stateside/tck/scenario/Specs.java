package io.stateside.tck.scenario;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.frontend.Eventing;
import io.stateside.protocol.frontend.EventsProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading an {@link EntitySpec}: its entities and the services its descriptors define. */
public final class Specs {

  private Specs() {}

  public static Optional<Entity> entity(EntitySpec spec, String serviceName) {
    return spec.getEntitiesList().stream().filter(e -> e.getServiceName().equals(serviceName)).findFirst();
  }

  /** The declared entity for the service; fails the scenario when there is none. */
  public static Entity requireEntity(EntitySpec spec, String serviceName) {
    return entity(spec, serviceName).orElseThrow(() -> new AssertionError("the spec declares no entity for " + serviceName));
  }

  /** Full names of the services the spec's descriptors define. */
  public static Set<String> services(EntitySpec spec) {
    return files(spec).stream()
        .flatMap(file -> file.getServices().stream())
        .map(ServiceDescriptor::getFullName)
        .collect(Collectors.toSet());
  }

  /**
   * The eventing declaration of a method, read from the spec's descriptors.
   *
   * @return the method's {@code (cloudstate.eventing)} option; empty when the method has none
   * @throws AssertionError if the descriptors lack the service or the method
   */
  public static Optional<Eventing> eventing(EntitySpec spec, String serviceName, String methodName) {
    ExtensionRegistry options = ExtensionRegistry.newInstance();
    EventsProto.registerAllExtensions(options);
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(spec.getProto(), options);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the spec's proto field is not a FileDescriptorSet: " + e.getMessage());
    }
    MethodDescriptorProto method = set.getFileList().stream()
        .flatMap(file -> file.getServiceList().stream()
            .filter(service -> qualified(file.getPackage(), service.getName()).equals(serviceName)))
        .flatMap(service -> service.getMethodList().stream())
        .filter(candidate -> candidate.getName().equals(methodName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the spec's descriptors lack " + serviceName + "." + methodName));
    return method.getOptions().hasExtension(EventsProto.eventing)
        ? Optional.of(method.getOptions().getExtension(EventsProto.eventing))
        : Optional.empty();
  }

  private static String qualified(String packageName, String name) {
    return packageName.isEmpty() ? name : packageName + "." + name;
  }

  /**
   * The spec's descriptor set, built into linked descriptors.
   *
   * @throws AssertionError if the bytes are not a descriptor set, or a file is invalid or lacks an import
   */
  public static List<FileDescriptor> files(EntitySpec spec) {
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(spec.getProto());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the spec's proto field is not a FileDescriptorSet: " + e.getMessage());
    }
    Map<String, FileDescriptorProto> protos = new HashMap<>();
    set.getFileList().forEach(file -> protos.put(file.getName(), file));
    Map<String, FileDescriptor> built = new HashMap<>();
    return set.getFileList().stream().map(file -> build(file.getName(), protos, built)).toList();
  }

  private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos, Map<String, FileDescriptor> built) {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      throw new AssertionError("the spec's descriptor set lacks " + name + ", which another file imports");
    }
    FileDescriptor[] dependencies = proto.getDependencyList().stream()
        .map(dependency -> build(dependency, protos, built))
        .toArray(FileDescriptor[]::new);
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new AssertionError("the spec's descriptor " + name + " is invalid: " + e.getMessage());
    }
  }
}
