package io.stateside.proxy.discovery;

import com.google.api.AnnotationsProto;
import com.google.api.HttpBodyProto;
import com.google.api.HttpProto;
import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import io.stateside.protocol.frontend.EntityKeyProto;
import io.stateside.protocol.frontend.EventsProto;
import io.stateside.protocol.frontend.LegacyEntityKeyProto;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the descriptor set a user function sends at discovery into linked file descriptors.
 * Files the set leaves out but that every protobuf runtime has (the well-known types,
 * Cloudstate's option files and google.api's HTTP rules) are taken from the proxy's own copies.
 * The options the proxy reads (entity keys, eventing, HTTP rules) are parsed as extensions.
 */
final class DescriptorResolver {

  private static final ExtensionRegistry OPTIONS = optionsRegistry();
  private static final Map<String, FileDescriptor> BUILT_IN = builtInFiles();

  private final Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
  private final Map<String, FileDescriptor> resolved = new HashMap<>();

  private DescriptorResolver(FileDescriptorSet set) {
    set.getFileList().forEach(f -> protos.put(f.getName(), f));
  }

  /**
   * All files of the serialized set, linked.
   *
   * @throws DiscoveryProblem when the bytes are no descriptor set, an import is missing, or
   *     a file does not link
   */
  static Map<String, FileDescriptor> resolve(com.google.protobuf.ByteString serializedSet) {
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(serializedSet, OPTIONS);
    } catch (InvalidProtocolBufferException e) {
      throw new DiscoveryProblem("the spec's proto field is not a FileDescriptorSet: " + e.getMessage());
    }
    DescriptorResolver resolver = new DescriptorResolver(set);
    resolver.protos.keySet().forEach(name -> resolver.file(name, List.of()));
    return Map.copyOf(resolver.resolved);
  }

  private FileDescriptor file(String name, List<String> importedBy) {
    FileDescriptor done = resolved.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      FileDescriptor builtIn = BUILT_IN.get(name);
      if (builtIn == null) {
        throw new DiscoveryProblem("the descriptor set lacks " + name + ", imported by "
            + String.join(" <- ", importedBy) + "; build it with all imports included");
      }
      return builtIn;
    }
    if (importedBy.contains(name)) {
      throw new DiscoveryProblem("import cycle: " + name + " <- " + String.join(" <- ", importedBy));
    }
    List<String> chain = Stream.concat(Stream.of(name), importedBy.stream()).toList();
    FileDescriptor[] dependencies =
        proto.getDependencyList().stream().map(d -> file(d, chain)).toArray(FileDescriptor[]::new);
    try {
      FileDescriptor built = FileDescriptor.buildFrom(proto, dependencies);
      resolved.put(name, built);
      return built;
    } catch (DescriptorValidationException e) {
      throw new DiscoveryProblem("descriptor " + name + " is invalid: " + e.getMessage());
    }
  }

  private static ExtensionRegistry optionsRegistry() {
    ExtensionRegistry registry = ExtensionRegistry.newInstance();
    EntityKeyProto.registerAllExtensions(registry);
    LegacyEntityKeyProto.registerAllExtensions(registry);
    EventsProto.registerAllExtensions(registry);
    AnnotationsProto.registerAllExtensions(registry);
    return registry.getUnmodifiable();
  }

  private static Map<String, FileDescriptor> builtInFiles() {
    return Stream.of(
            AnyProto.getDescriptor(),
            ApiProto.getDescriptor(),
            DescriptorProtos.getDescriptor(),
            DurationProto.getDescriptor(),
            EmptyProto.getDescriptor(),
            FieldMaskProto.getDescriptor(),
            SourceContextProto.getDescriptor(),
            StructProto.getDescriptor(),
            TimestampProto.getDescriptor(),
            TypeProto.getDescriptor(),
            WrappersProto.getDescriptor(),
            EntityKeyProto.getDescriptor(),
            LegacyEntityKeyProto.getDescriptor(),
            EventsProto.getDescriptor(),
            AnnotationsProto.getDescriptor(),
            HttpProto.getDescriptor(),
            HttpBodyProto.getDescriptor())
        .collect(java.util.stream.Collectors.toUnmodifiableMap(FileDescriptor::getName, f -> f));
  }
}
