package io.dailyflow.local.contract;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the contract tests read from {@code common/src/main/resources/openapi.yaml}: every
 * operation with the ports of the services that serve it and its documented responses.
 */
final class OpenApiDocumentModel {

  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head",
      "options", "trace");

  /** One documented operation. {@code responses}: status code (or "default") to response. */
  record Operation(String method, String path, Set<Integer> ports,
      Map<String, Map<String, Object>> responses) {

    /** The path with Vert.x's {@code :param} syntax instead of OpenAPI's {@code {param}}. */
    String vertxPath() {
      return path.replaceAll("\\{([^}/]+)}", ":$1");
    }

    String key() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    /** The explicitly documented status codes ("default" is the 500 catch-all, not a promise). */
    Set<Integer> statuses() {
      Set<Integer> codes = new LinkedHashSet<>();
      responses.keySet().stream().filter(code -> code.matches("\\d{3}"))
          .forEach(code -> codes.add(Integer.parseInt(code)));
      return codes;
    }
  }

  private final Map<String, Object> root;
  private final List<Operation> operations;

  private OpenApiDocumentModel(Map<String, Object> root) {
    this.root = root;
    this.operations = readOperations();
  }

  static Path sourcePath() {
    Path repo = Path.of(System.getProperty("dailyflow.repo.root", ".."));
    return repo.resolve("common/src/main/resources/openapi.yaml");
  }

  @SuppressWarnings("unchecked")
  static OpenApiDocumentModel load() throws IOException {
    return new OpenApiDocumentModel((Map<String, Object>) MiniYaml.parse(
        Files.readString(sourcePath())));
  }

  Map<String, Object> root() {
    return root;
  }

  List<Operation> operations() {
    return operations;
  }

  private List<Operation> readOperations() {
    List<Operation> result = new ArrayList<>();
    Set<Integer> defaultPorts = ports(root.get("servers"));
    map(root.get("paths"), "paths").forEach((path, item) -> {
      Map<String, Object> pathItem = map(item, path);
      Set<Integer> ports = pathItem.containsKey("servers") ? ports(pathItem.get("servers"))
          : defaultPorts;
      pathItem.forEach((name, value) -> {
        if (METHODS.contains(name)) {
          result.add(new Operation(name, path, ports, responses(map(value, path + " " + name))));
        }
      });
    });
    return List.copyOf(result);
  }

  private Map<String, Map<String, Object>> responses(Map<String, Object> operation) {
    Map<String, Map<String, Object>> responses = new LinkedHashMap<>();
    map(operation.get("responses"), "responses").forEach((code, response) ->
        responses.put(code, resolve(map(response, "response " + code))));
    return responses;
  }

  /** Follows a local {@code $ref} ({@code #/components/...}); other objects are returned as is. */
  Map<String, Object> resolve(Map<String, Object> node) {
    Object ref = node.get("$ref");
    if (ref == null) {
      return node;
    }
    String pointer = ref.toString();
    if (!pointer.startsWith("#/")) {
      throw new IllegalStateException("Only local $refs are supported: " + pointer);
    }
    Object target = root;
    for (String part : pointer.substring(2).split("/")) {
      target = map(target, pointer).get(part.replace("~1", "/").replace("~0", "~"));
      if (target == null) {
        throw new IllegalStateException("Unresolvable $ref " + pointer);
      }
    }
    return resolve(map(target, pointer));
  }

  private static Set<Integer> ports(Object servers) {
    Set<Integer> ports = new LinkedHashSet<>();
    if (servers instanceof List<?> list) {
      for (Object server : list) {
        ports.add(URI.create(map(server, "server").get("url").toString()).getPort());
      }
    }
    return ports;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String what) {
    if (node instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalStateException(what + " is not a mapping in openapi.yaml: " + node);
  }
}
