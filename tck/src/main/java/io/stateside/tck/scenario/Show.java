package io.stateside.tck.scenario;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import io.stateside.tck.protocol.Payloads;
import java.util.List;
import java.util.stream.Collectors;

/** Renders protocol messages for failure messages: one line, with the TCK model's payloads readable. */
public final class Show {

  private static final TextFormat.Printer PRINTER = TextFormat.printer().usingTypeRegistry(Payloads.MODEL_TYPES);

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

}
