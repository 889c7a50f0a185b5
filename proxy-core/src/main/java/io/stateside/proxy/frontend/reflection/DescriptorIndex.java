package io.stateside.proxy.frontend.reflection;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What reflection can tell about the user's services, indexed once at start: the services, and
 * each file they are defined in or import, by name, by the symbols it defines and by the
 * extensions it declares. The proxy's own services are not in it.
 */
final class DescriptorIndex {

  private final List<String> services;
  private final Map<String, FileDescriptor> byName = new HashMap<>();
  private final Map<String, FileDescriptor> bySymbol = new HashMap<>();
  /** Extended message -> extension number -> the file declaring it. */
  private final Map<String, Map<Integer, FileDescriptor>> extensions = new HashMap<>();
  /** Each file's serialized descriptor followed by those of all it imports, directly or not. */
  private final Map<String, List<ByteString>> withImports = new HashMap<>();

  DescriptorIndex(Collection<ServiceDescriptor> userServices) {
    services = userServices.stream().map(ServiceDescriptor::getFullName).sorted().toList();
    userServices.forEach(service -> add(service.getFile()));
    byName.values().forEach(file -> withImports.put(file.getName(), serialized(file)));
  }

  List<String> services() {
    return services;
  }

  Optional<List<ByteString>> fileByName(String name) {
    return Optional.ofNullable(withImports.get(name));
  }

  Optional<List<ByteString>> fileContainingSymbol(String symbol) {
    return Optional.ofNullable(bySymbol.get(symbol)).map(file -> withImports.get(file.getName()));
  }

  Optional<List<ByteString>> fileContainingExtension(String extendedType, int number) {
    return Optional.ofNullable(extensions.getOrDefault(extendedType, Map.of()).get(number))
        .map(file -> withImports.get(file.getName()));
  }

  /** The extension numbers declared for a message the index knows, if it knows it. */
  Optional<List<Integer>> extensionNumbers(String messageType) {
    if (!(bySymbol.containsKey(messageType))) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(new TreeMap<>(extensions.getOrDefault(messageType, Map.of())).keySet()));
  }

  private void add(FileDescriptor file) {
    if (byName.putIfAbsent(file.getName(), file) != null) {
      return;
    }
    for (ServiceDescriptor service : file.getServices()) {
      bySymbol.put(service.getFullName(), file);
      service.getMethods().forEach(method -> bySymbol.put(method.getFullName(), file));
    }
    file.getMessageTypes().forEach(message -> addMessage(message, file));
    file.getEnumTypes().forEach(e -> bySymbol.put(e.getFullName(), file));
    file.getExtensions().forEach(extension -> addExtension(extension, file));
    file.getDependencies().forEach(this::add);
  }

  private void addMessage(Descriptor message, FileDescriptor file) {
    bySymbol.put(message.getFullName(), file);
    message.getNestedTypes().forEach(nested -> addMessage(nested, file));
    for (EnumDescriptor nested : message.getEnumTypes()) {
      bySymbol.put(nested.getFullName(), file);
    }
    message.getExtensions().forEach(extension -> addExtension(extension, file));
  }

  private void addExtension(FieldDescriptor extension, FileDescriptor file) {
    bySymbol.put(extension.getFullName(), file);
    extensions.computeIfAbsent(extension.getContainingType().getFullName(), t -> new HashMap<>())
        .put(extension.getNumber(), file);
  }

  private static List<ByteString> serialized(FileDescriptor file) {
    Set<FileDescriptor> all = new LinkedHashSet<>();
    collect(file, all);
    List<ByteString> bytes = new ArrayList<>();
    all.forEach(f -> bytes.add(f.toProto().toByteString()));
    return List.copyOf(bytes);
  }

  private static void collect(FileDescriptor file, Set<FileDescriptor> into) {
    if (into.add(file)) {
      file.getDependencies().forEach(dependency -> collect(dependency, into));
    }
  }
}
