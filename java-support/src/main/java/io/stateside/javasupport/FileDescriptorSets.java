package io.stateside.javasupport;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the descriptor set sent at discovery: the given files and everything they import,
 * transitively, each file after its imports so the proxy can rebuild them in order. Public for
 * user functions that speak a protocol this library has no API for yet (the benchmark's CRDT one).
 */
public final class FileDescriptorSets {

  private FileDescriptorSets() {}

  public static FileDescriptorSet withImports(Collection<FileDescriptor> files) {
    Map<String, FileDescriptorProto> ordered = new LinkedHashMap<>();
    files.forEach(file -> addWithImports(file, ordered));
    return FileDescriptorSet.newBuilder().addAllFile(ordered.values()).build();
  }

  private static void addWithImports(FileDescriptor file, Map<String, FileDescriptorProto> ordered) {
    if (ordered.containsKey(file.getName())) {
      return;
    }
    file.getDependencies().forEach(dependency -> addWithImports(dependency, ordered));
    ordered.put(file.getName(), file.toProto());
  }
}
