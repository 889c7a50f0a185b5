package io.stateside.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Kubernetes manifests read into fabric8's Kubernetes model, which is the Kubernetes API schema
 * (core, apps, rbac, admissionregistration, ...) as Java types: a kind or apiVersion the API does
 * not have or a value of the wrong type fails to read, and a field the schema does not have is
 * found by {@link #unknownFields}.
 */
final class KubernetesSchema {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubernetesSchema() {}

  /** The resources of every .yaml file in {@code dir} but kustomization.yaml, by file name. */
  static Map<String, List<HasMetadata>> readDirectory(Path dir) throws IOException {
    assertTrue(Files.isDirectory(dir), "run from the docker module: " + dir.toAbsolutePath());
    Map<String, List<HasMetadata>> byFile = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        if (!file.getFileName().toString().equals("kustomization.yaml")) {
          byFile.put(file.getFileName().toString(), read(file));
        }
      }
    }
    return byFile;
  }

  /** The resources of one file (documents separated by ---). */
  static List<HasMetadata> read(Path file) throws IOException {
    List<HasMetadata> resources = new ArrayList<>();
    for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
        continue;
      }
      Object parsed = SERIALIZATION.unmarshal(document);
      if (!(parsed instanceof HasMetadata resource) || parsed instanceof GenericKubernetesResource) {
        fail(file + ": not a kind of the Kubernetes API: " + parsed);
        return List.of();
      }
      resources.add(resource);
    }
    return resources;
  }

  /** Every resource of {@code byFile} has a name and only fields of the schema. */
  static void assertOnlySchemaFields(Map<String, List<HasMetadata>> byFile) throws IllegalAccessException {
    assertFalse(byFile.isEmpty(), "no manifests");
    for (Map.Entry<String, List<HasMetadata>> file : byFile.entrySet()) {
      for (HasMetadata resource : file.getValue()) {
        assertNotNull(resource.getMetadata().getName(), file.getKey() + ": metadata.name");
        assertEquals(List.of(), unknownFields(resource, resource.getKind()),
            file.getKey() + ": fields the Kubernetes schema does not have");
      }
    }
  }

  /** The resources of one kind among {@code byFile}. */
  static <T extends HasMetadata> List<T> all(Map<String, List<HasMetadata>> byFile, Class<T> kind) {
    return byFile.values().stream().flatMap(List::stream).filter(kind::isInstance).map(kind::cast).toList();
  }

  /** The one resource of a kind among {@code byFile}. */
  static <T extends HasMetadata> T only(Map<String, List<HasMetadata>> byFile, Class<T> kind) {
    List<T> found = all(byFile, kind);
    assertEquals(1, found.size(), "exactly one " + kind.getSimpleName());
    return found.get(0);
  }

  /** The files the kustomization.yaml in {@code dir} lists as resources. */
  static Set<String> kustomizationResources(Path dir) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> kustomization = SERIALIZATION.unmarshal(Files.readString(dir.resolve("kustomization.yaml")), Map.class);
    assertTrue("Kustomization".equals(kustomization.get("kind")), dir + "/kustomization.yaml is a Kustomization");
    @SuppressWarnings("unchecked")
    List<String> resources = (List<String>) kustomization.get("resources");
    return new HashSet<>(resources);
  }

  /** Every field the model did not know, as a path from {@code path}: they land in an object's additionalProperties. */
  static List<String> unknownFields(Object node, String path) throws IllegalAccessException {
    List<String> unknown = new ArrayList<>();
    collectUnknownFields(node, path, unknown);
    return unknown;
  }

  private static void collectUnknownFields(Object node, String path, List<String> unknown) throws IllegalAccessException {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknownFields(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        collectUnknownFields(e.getValue(), path + "." + e.getKey(), unknown);
      }
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Class<?> c = node.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        Object value = field.get(node);
        if (field.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> unknown.add(path + "." + k));
        } else {
          collectUnknownFields(value, path + "." + field.getName(), unknown);
        }
      }
    }
  }
}
