package io.stateside.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.protocol.eventsourced.EventSourcedProto;
import io.stateside.protocol.frontend.LegacyEntityKeyProto;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves our protocol is wire-identical to what Cloudstate's published Java support library
 * (io.cloudstate:cloudstate-java-support:0.5.2) speaks: every service, method, message and field
 * of its entity.proto and event_sourced.proto exists in ours with the same full name, number,
 * type and label. Ours may add fields (protocol 0.2 did); it may not change or drop any.
 *
 * <p>Left out on purpose, because that library predates protocol 0.2 there: its crdt.proto
 * (replaced by the delta-only CRDT protocol) and its function.proto (became action.proto). Its
 * entity_key.proto declares the option under 50002, the number ours keeps as
 * {@code cloudstate.legacy_entity_key}.
 */
class WireCompatibilityTest {

  private static Map<String, FileDescriptor> theirs;

  @BeforeAll
  static void loadTheirs() throws Exception {
    FileDescriptorSet set;
    try (InputStream in = WireCompatibilityTest.class.getResourceAsStream("/cloudstate-java-support-0.5.2.desc")) {
      set = FileDescriptorSet.parseFrom(in);
    }
    Map<String, FileDescriptorProto> protos = new HashMap<>();
    set.getFileList().forEach(f -> protos.put(f.getName(), f));
    theirs = new HashMap<>();
    for (String name : protos.keySet()) {
      build(name, protos);
    }
  }

  private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos) throws Exception {
    if (theirs.containsKey(name)) {
      return theirs.get(name);
    }
    FileDescriptorProto proto = protos.get(name);
    List<FileDescriptor> dependencies = new ArrayList<>();
    for (String dependency : proto.getDependencyList()) {
      dependencies.add(build(dependency, protos));
    }
    FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
    theirs.put(name, file);
    return file;
  }

  @Test
  void entityProtoIsCompatible() {
    assertCompatible(theirs.get("cloudstate/entity.proto"), EntityProto.getDescriptor());
  }

  @Test
  void eventSourcedProtoIsCompatible() {
    assertCompatible(theirs.get("cloudstate/event_sourced.proto"), EventSourcedProto.getDescriptor());
  }

  @Test
  void theirEntityKeyOptionIsOurLegacyOption() {
    FieldDescriptor their = theirs.get("cloudstate/entity_key.proto").findExtensionByName("entity_key");
    FieldDescriptor ours = LegacyEntityKeyProto.legacyEntityKey.getDescriptor();
    assertEquals(their.getNumber(), ours.getNumber());
    assertEquals(their.getContainingType().getFullName(), ours.getContainingType().getFullName());
    assertEquals(their.getType(), ours.getType());
  }

  private static void assertCompatible(FileDescriptor their, FileDescriptor ours) {
    List<String> differences = new ArrayList<>();
    assertEquals(their.getPackage(), ours.getPackage(), "proto package");
    int checkedFields = 0;
    for (Descriptor message : their.getMessageTypes()) {
      checkedFields += compareMessage(message, ours, differences);
    }
    for (ServiceDescriptor service : their.getServices()) {
      compareService(service, ours, differences);
    }
    assertTrue(differences.isEmpty(), "wire differences from Cloudstate:\n" + String.join("\n", differences));
    assertTrue(checkedFields > 0, "compared no fields at all");
  }

  private static int compareMessage(Descriptor their, FileDescriptor oursFile, List<String> differences) {
    Descriptor ours = findMessage(oursFile, their.getFullName());
    if (ours == null) {
      differences.add("missing message " + their.getFullName());
      return 0;
    }
    int checked = 0;
    for (FieldDescriptor field : their.getFields()) {
      FieldDescriptor match = ours.findFieldByName(field.getName());
      checked++;
      if (match == null) {
        differences.add("missing field " + field.getFullName());
        continue;
      }
      expectSame(differences, field, "number", field.getNumber(), match.getNumber());
      expectSame(differences, field, "type", field.getType(), match.getType());
      expectSame(differences, field, "label", field.toProto().getLabel(), match.toProto().getLabel());
      expectSame(differences, field, "oneof",
          field.getContainingOneof() == null ? null : field.getContainingOneof().getName(),
          match.getContainingOneof() == null ? null : match.getContainingOneof().getName());
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        expectSame(differences, field, "message type", field.getMessageType().getFullName(),
            match.getMessageType().getFullName());
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
        expectSame(differences, field, "enum type", field.getEnumType().getFullName(), match.getEnumType().getFullName());
      }
    }
    for (Descriptor nested : their.getNestedTypes()) {
      checked += compareMessage(nested, oursFile, differences);
    }
    return checked;
  }

  private static void compareService(ServiceDescriptor their, FileDescriptor oursFile, List<String> differences) {
    ServiceDescriptor ours = oursFile.findServiceByName(their.getName());
    if (ours == null) {
      differences.add("missing service " + their.getFullName());
      return;
    }
    expectSame(differences, their, "full name", their.getFullName(), ours.getFullName());
    for (MethodDescriptor method : their.getMethods()) {
      MethodDescriptor match = ours.findMethodByName(method.getName());
      if (match == null) {
        differences.add("missing method " + method.getFullName());
        continue;
      }
      expectSame(differences, method, "input", method.getInputType().getFullName(), match.getInputType().getFullName());
      expectSame(differences, method, "output", method.getOutputType().getFullName(), match.getOutputType().getFullName());
      expectSame(differences, method, "client streaming", method.isClientStreaming(), match.isClientStreaming());
      expectSame(differences, method, "server streaming", method.isServerStreaming(), match.isServerStreaming());
    }
  }

  private static Descriptor findMessage(FileDescriptor file, String fullName) {
    String relative = fullName.substring(file.getPackage().length() + 1);
    String[] path = relative.split("\\.");
    Descriptor current = file.findMessageTypeByName(path[0]);
    for (int i = 1; current != null && i < path.length; i++) {
      current = current.findNestedTypeByName(path[i]);
    }
    return current;
  }

  private static void expectSame(List<String> differences, com.google.protobuf.Descriptors.GenericDescriptor where,
                                 String what, Object theirs, Object ours) {
    if (!java.util.Objects.equals(theirs, ours)) {
      differences.add(where.getFullName() + ": " + what + " is " + ours + ", Cloudstate has " + theirs);
    }
  }
}
