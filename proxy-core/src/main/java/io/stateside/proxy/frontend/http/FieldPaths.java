package io.stateside.proxy.frontend.http;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;

/** Dotted field paths ({@code shelf.book.id}) of a message, as rules and query parameters name them. */
final class FieldPaths {

  private FieldPaths() {}

  /**
   * The fields along the path; each but the last is a singular message field. A name may be the
   * field's proto name or its JSON name.
   *
   * @throws IllegalArgumentException naming the part of the path that names no field
   */
  static List<FieldDescriptor> resolve(Descriptor message, String path) {
    List<FieldDescriptor> fields = new ArrayList<>();
    Descriptor current = message;
    String[] names = path.split("\\.", -1);
    for (int i = 0; i < names.length; i++) {
      FieldDescriptor field = find(current, names[i]);
      if (field == null) {
        throw new IllegalArgumentException("'" + path + "' names no field '" + names[i] + "' in " + current.getFullName());
      }
      fields.add(field);
      if (i < names.length - 1) {
        if (field.isRepeated() || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
          throw new IllegalArgumentException("'" + path + "' goes through '" + names[i]
              + "', which is not a singular message field");
        }
        current = field.getMessageType();
      }
    }
    return fields;
  }

  private static FieldDescriptor find(Descriptor message, String name) {
    FieldDescriptor byName = message.findFieldByName(name);
    if (byName != null) {
      return byName;
    }
    for (FieldDescriptor field : message.getFields()) {
      if (field.getJsonName().equals(name)) {
        return field;
      }
    }
    return null;
  }
}
