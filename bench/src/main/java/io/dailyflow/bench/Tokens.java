package io.dailyflow.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each {@code user:password} of {@code --users} in {@code --per-user} times and prints one
 * access token per line (every login gives a distinct token: its own jti).
 */
final class Tokens {

  private static final Logger LOG = LoggerFactory.getLogger(Tokens.class);

  private Tokens() {
  }

  static int run(Args args) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String auth = args.required("auth");
    long perUser = args.number("per-user", 1);
    for (String pair : args.required("users").split(",")) {
      String[] parts = pair.split(":", 2);
      for (int i = 0; i < perUser; i++) {
        String body = new JsonObject().put("username", parts[0]).put("password", parts[1]).encode();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(auth + "/auth/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          LOG.error("login of {} failed: {} {}", parts[0], response.statusCode(), response.body());
          return 1;
        }
        Output.line(new JsonObject(response.body()).getString("access_token"));
      }
    }
    return 0;
  }
}
