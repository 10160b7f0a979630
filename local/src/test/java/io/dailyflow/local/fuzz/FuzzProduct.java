package io.dailyflow.local.fuzz;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestPorts;
import io.dailyflow.local.LocalApp;
import io.dailyflow.local.LocalKeys;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * A dedicated instance of the whole product, started as the local jar starts it (embedded SQS,
 * MongoDB-protocol server on an H2 file and Redis on random ports, the four services in one
 * process), the way {@code EndToEndTest} does. One per test class, so that what a fuzz run does to
 * the login throttle or the ledger stays in that class.
 */
final class FuzzProduct implements AutoCloseable {

  static final String[] SERVICES = {"auth", "releases", "consolidated"};

  private final LocalApp app;
  private final Map<String, Integer> ports;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private FuzzProduct(LocalApp app, Map<String, Integer> ports) {
    this.app = app;
    this.ports = ports;
  }

  static FuzzProduct start(String name) throws Exception {
    return start(name, Map.of());
  }

  static FuzzProduct start(String name, Map<String, Object> overrides) throws Exception {
    Path root = Path.of(System.getProperty("dailyflow.repo.root", ".."));
    Path dir = Files.createTempDirectory("dailyflow-" + name);
    Map<String, Object> values = new HashMap<>();
    values.put(LocalKeys.DATA_DIR.name(), dir.resolve("data").toString());
    values.put(LocalKeys.SQS_PORT.name(), 0);
    values.put(LocalKeys.MONGO_PORT.name(), 0);
    values.put(LocalKeys.REDIS_PORT.name(), 0);
    values.put(LocalKeys.PRIVATE_KEY_PATH.name(), dir.resolve("keys/private.pem").toString());
    values.put(CommonKeys.JWT_PUBLIC_KEY_PATH.name(), dir.resolve("keys/public.pem").toString());
    values.put("auth.seed-file", root.resolve("conf/users.json").toString());
    values.put(CommonKeys.SQS_ACCESS_KEY.name(), "local");
    values.put(CommonKeys.SQS_SECRET_KEY.name(), "local");
    values.put(CommonKeys.HTTP_INSTANCES.name(), 2);
    values.put("consumer.instances", 2);
    // In-memory queue: these tests are about input handling, the fault tests cover durability.
    // (The durable ElasticMQ store is a JVM-wide singleton: a second product in the same JVM
    // would share, and restore, the first one's queue file.)
    values.put("local.sqs-durable", false);
    Map<String, Integer> ports = new HashMap<>();
    for (String service : SERVICES) {
      int port = TestPorts.free();
      ports.put(service, port);
      values.put(service + ".http.port", port);
    }
    values.putAll(overrides);
    return new FuzzProduct(LocalApp.start(Config.of(values), LocalApp.Mode.ALL), ports);
  }

  /** The merged configuration the product runs with (where its MongoDB is, for instance). */
  Config config() {
    return app.config();
  }

  int port(String service) {
    return ports.get(service);
  }

  static LocalDate today() {
    return LocalDate.now(ZoneId.of("America/Sao_Paulo"));
  }

  /** The demo user's access token, through the Auth API. */
  String login(String username, String password) throws Exception {
    HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("auth", "/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
            .put("username", username).put("password", password).encode())));
    if (reply.statusCode() != 200) {
      throw new IllegalStateException("login of " + username + " failed: " + reply.body());
    }
    return new JsonObject(reply.body()).getString("access_token");
  }

  /** A plain blocking GET, for the checks after a fuzz run. */
  HttpResponse<String> get(String service, String pathAndQuery, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, pathAndQuery)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  /** A plain blocking POST of a JSON body. */
  HttpResponse<String> post(String service, String path, String token, String body,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return send(request);
  }

  private URI uri(String service, String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port(service) + pathAndQuery);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    app.close();
  }
}
