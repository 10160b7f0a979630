package io.dailyflow.local;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain JDK HTTP client driving the public contract, as any client of DailyFlow would. */
final class ProductClient {

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Integer> ports;

  ProductClient(Map<String, Integer> ports) {
    this.ports = ports;
  }

  record Reply(int status, Map<String, java.util.List<String>> headers, String body) {

    JsonObject json() {
      return new JsonObject(body);
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  Reply post(String service, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = base(service, path, token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(request);
  }

  Reply get(String service, String path, String token) throws Exception {
    return send(base(service, path, token).GET());
  }

  String login(String username, String password) throws Exception {
    Reply reply = post("auth", "/auth/login", null, new JsonObject()
        .put("username", username).put("password", password).encode());
    if (reply.status() != 200) {
      throw new IllegalStateException("login of " + username + " failed: " + reply);
    }
    return reply.json().getString("access_token");
  }

  private HttpRequest.Builder base(String service, String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + ports.get(service) + path))
        .timeout(Duration.ofSeconds(10));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers().map(), response.body());
  }
}
