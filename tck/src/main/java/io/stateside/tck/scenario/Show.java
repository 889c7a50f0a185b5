package io.stateside.tck.scenario;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import com.google.protobuf.TypeRegistry;
import io.stateside.tck.model.entitypassivation.EntityPassivationTckModelProto;
import io.stateside.tck.model.eventsourced.EventSourcedTckModelProto;
import io.stateside.tck.model.valueentity.ValueEntityTckModelProto;
import java.util.List;
import java.util.stream.Collectors;

/** Renders protocol messages for failure messages: one line, with the TCK model's payloads readable. */
public final class Show {

  private static final TextFormat.Printer PRINTER = TextFormat.printer().usingTypeRegistry(registry(List.of(
      EventSourcedTckModelProto.getDescriptor(),
      EntityPassivationTckModelProto.getDescriptor(),
      ValueEntityTckModelProto.getDescriptor())));

  private Show() {}

  public static String show(Object value) {
    if (value instanceof MessageOrBuilder message) {
      String text = PRINTER.shortDebugString(message);
      return message.getDescriptorForType().getName() + " { " + text + " }";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Show::show).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(value);
  }

  private static TypeRegistry registry(List<FileDescriptor> files) {
    TypeRegistry.Builder registry = TypeRegistry.newBuilder();
    files.forEach(file -> registry.add(file.getMessageTypes()));
    return registry.build();
  }
}
