package io.dailyflow.local.fuzz;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What came back for one fuzz request: status, headers (lower-case names) and body. */
record FuzzReply(int status, Map<String, String> headers, byte[] body) {

  String header(String name) {
    return headers.get(name.toLowerCase());
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as a JSON object, or null when it is not one. */
  JsonObject json() {
    try {
      return new JsonObject(text());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
