package io.stateside.proxy.frontend.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A google.api.http path template such as {@code /v1/{name=shelves/*}/books/{book.id}:publish},
 * parsed once at discovery and matched against the decoded segments of a request's path.
 * {@code *} matches one segment, {@code **} any number of them (last only); a variable binds what
 * its segments matched to a field path of the request message.
 */
public final class PathTemplate {

  /** The segment patterns that are no literal; a literal cannot be either (the parser reads them as these). */
  private static final String ONE = "*";
  private static final String ANY = "**";

  /** A variable covering the segments [from, to); {@code to} is -1 when it ends in {@code **}. */
  private record Variable(String fieldPath, int from, int to) {}

  private final String text;
  private final List<String> segments;
  private final List<Variable> variables;
  private final String verb;

  private PathTemplate(String text, List<String> segments, List<Variable> variables, String verb) {
    this.text = text;
    this.segments = List.copyOf(segments);
    this.variables = List.copyOf(variables);
    this.verb = verb;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static PathTemplate parse(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("path template '" + template + "' does not start with /");
    }
    String path = template;
    String verb = "";
    int lastSlash = template.lastIndexOf('/');
    int lastBrace = template.lastIndexOf('}');
    int colon = template.lastIndexOf(':');
    if (colon > lastSlash && colon > lastBrace) {
      verb = template.substring(colon + 1);
      path = template.substring(0, colon);
      if (verb.isEmpty()) {
        throw new IllegalArgumentException("path template '" + template + "' has an empty verb after ':'");
      }
    }
    List<String> segments = new ArrayList<>();
    List<Variable> variables = new ArrayList<>();
    Parser parser = new Parser(template, path.substring(1));
    while (true) {
      if (parser.peek() == '{') {
        parser.next();
        String fieldPath = parser.until("=}");
        if (!fieldPath.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
          throw new IllegalArgumentException("path template '" + template + "' has a variable '" + fieldPath
              + "' that is no field path");
        }
        int from = segments.size();
        if (parser.peek() == '=') {
          parser.next();
          String inner = parser.until("}");
          for (String part : inner.split("/", -1)) {
            segments.add(segment(template, part));
          }
        } else {
          segments.add(ONE);
        }
        parser.expect('}');
        boolean endsInAny = segments.get(segments.size() - 1).equals(ANY);
        variables.add(new Variable(fieldPath, from, endsInAny ? -1 : segments.size()));
      } else {
        segments.add(segment(template, parser.until("/")));
      }
      if (parser.atEnd()) {
        break;
      }
      parser.expect('/');
    }
    for (int i = 0; i < segments.size() - 1; i++) {
      if (segments.get(i).equals(ANY)) {
        throw new IllegalArgumentException("path template '" + template + "' has ** before its last segment");
      }
    }
    return new PathTemplate(template, segments, variables, verb);
  }

  private static String segment(String template, String part) {
    if (part.isEmpty() || part.contains("{") || part.contains("}") || part.contains("=")
        || (part.contains("*") && !part.equals(ONE) && !part.equals(ANY))) {
      throw new IllegalArgumentException("path template '" + template + "' has an invalid segment '" + part + "'");
    }
    return part;
  }

  private static boolean isLiteral(String segment) {
    return !segment.equals(ONE) && !segment.equals(ANY);
  }

  /** Reads a template's characters, failing with the template quoted. */
  private static final class Parser {
    private final String template;
    private final String rest;
    private int at;

    Parser(String template, String rest) {
      this.template = template;
      this.rest = rest;
    }

    char peek() {
      return at < rest.length() ? rest.charAt(at) : 0;
    }

    void next() {
      at++;
    }

    boolean atEnd() {
      return at >= rest.length();
    }

    String until(String stops) {
      int start = at;
      while (at < rest.length() && stops.indexOf(rest.charAt(at)) < 0) {
        at++;
      }
      return rest.substring(start, at);
    }

    void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("path template '" + template + "' lacks '" + c + "' at position " + (at + 1));
      }
      at++;
    }
  }

  /**
   * Orders templates that may match one request most specific first: one with a verb, then one
   * with more literal segments, then one without {@code **}.
   */
  public static final Comparator<PathTemplate> MOST_SPECIFIC_FIRST =
      Comparator.comparing((PathTemplate t) -> t.verb.isEmpty())
          .thenComparing(t -> -t.literalCount())
          .thenComparing(PathTemplate::endsInAny);

  private long literalCount() {
    return segments.stream().filter(PathTemplate::isLiteral).count();
  }

  private boolean endsInAny() {
    return !segments.isEmpty() && segments.get(segments.size() - 1).equals(ANY);
  }

  /** The field paths of the template's variables, in order. */
  public List<String> fieldPaths() {
    return variables.stream().map(Variable::fieldPath).toList();
  }

  /**
   * The shape of the paths this template matches, with variable names left out: two templates
   * of one shape match the same requests.
   */
  public String shape() {
    StringBuilder shape = new StringBuilder();
    segments.forEach(segment -> shape.append('/').append(segment));
    return verb.isEmpty() ? shape.toString() : shape + ":" + verb;
  }

  /**
   * The variables' values if the decoded path segments match, by field path; a multi-segment
   * value is its segments joined by '/'.
   */
  public Optional<Map<String, String>> match(List<String> path) {
    List<String> request = path;
    if (!verb.isEmpty()) {
      if (request.isEmpty()) {
        return Optional.empty();
      }
      String last = request.get(request.size() - 1);
      if (!last.endsWith(":" + verb)) {
        return Optional.empty();
      }
      request = new ArrayList<>(request);
      request.set(request.size() - 1, last.substring(0, last.length() - verb.length() - 1));
    }
    boolean endsInAny = endsInAny();
    int fixed = endsInAny ? segments.size() - 1 : segments.size();
    if (endsInAny ? request.size() < fixed : request.size() != fixed) {
      return Optional.empty();
    }
    for (int i = 0; i < fixed; i++) {
      if (isLiteral(segments.get(i)) && !segments.get(i).equals(request.get(i))) {
        return Optional.empty();
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Variable variable : variables) {
      int to = variable.to() < 0 ? request.size() : variable.to();
      values.put(variable.fieldPath(), String.join("/", request.subList(variable.from(), to)));
    }
    return Optional.of(values);
  }

  @Override
  public String toString() {
    return text;
  }
}
