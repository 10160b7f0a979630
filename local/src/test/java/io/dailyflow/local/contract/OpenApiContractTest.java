package io.dailyflow.local.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.auth.AuthApi;
import io.dailyflow.auth.AuthHttpVerticle;
import io.dailyflow.auth.AuthKeys;
import io.dailyflow.auth.keys.SigningKeys;
import io.dailyflow.auth.password.Passwords;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestPorts;
import io.dailyflow.consolidated.ConsolidatedKeys;
import io.dailyflow.consolidated.http.ReportRoutes;
import io.dailyflow.consolidated.http.ReportSource;
import io.dailyflow.consumer.ConsumerKeys;
import io.dailyflow.consumer.health.ConsumerHttpVerticle;
import io.dailyflow.local.LocalApp;
import io.dailyflow.local.LocalKeys;
import io.dailyflow.releases.ReleasesHttpVerticle;
import io.dailyflow.releases.ReleasesKeys;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code common/src/main/resources/openapi.yaml} true: every route of every service's
 * router (built by the services' static {@code router(...)} factories) is documented for that
 * service, every documented operation is routed by each service its {@code servers} name, and
 * the running product (started as the local jar starts it) answers every documented operation
 * with a documented status, content type and {@code X-Request-Id}.
 */
class OpenApiContractTest {

  /** The Operations routes every service serves. */
  private static final List<String> OPERATIONS_ROUTES = List.of("GET /health/live",
      "GET /health/ready", "GET /metrics", "GET /openapi.yaml");

  /** Services by the default port the document's {@code servers} use for them. */
  private static final Map<Integer, String> SERVICES_BY_DOCUMENTED_PORT = Map.of(
      (Integer) AuthKeys.HTTP_PORT.defaultValue(), "auth",
      (Integer) ReleasesKeys.HTTP_PORT.defaultValue(), "releases",
      (Integer) ConsolidatedKeys.HTTP_PORT.defaultValue(), "consolidated",
      (Integer) ConsumerKeys.HTTP_PORT.defaultValue(), "consumer");

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private static OpenApiDocumentModel document;
  private static LocalApp app;
  private static Vertx routerVertx;
  private static Map<String, Integer> ports;
  private static Map<String, Set<String>> routes;

  @BeforeAll
  static void startProductAndBuildRouters() throws Exception {
    document = OpenApiDocumentModel.load();
    Path root = Path.of(System.getProperty("dailyflow.repo.root", ".."));
    Path dir = Files.createTempDirectory("dailyflow-contract");
    Map<String, Object> values = new HashMap<>();
    values.put(LocalKeys.DATA_DIR.name(), dir.resolve("data").toString());
    values.put(LocalKeys.SQS_PORT.name(), 0);
    values.put(LocalKeys.MONGO_PORT.name(), 0);
    values.put(LocalKeys.REDIS_PORT.name(), 0);
    values.put(LocalKeys.PRIVATE_KEY_PATH.name(), dir.resolve("keys/private.pem").toString());
    values.put(CommonKeys.JWT_PUBLIC_KEY_PATH.name(), dir.resolve("keys/public.pem").toString());
    values.put(AuthKeys.SEED_FILE.name(), root.resolve("conf/users.json").toString());
    values.put(CommonKeys.SQS_ACCESS_KEY.name(), "local");
    values.put(CommonKeys.SQS_SECRET_KEY.name(), "local");
    values.put(CommonKeys.HTTP_INSTANCES.name(), 1);
    // In-process runs share one JVM: ElasticMQ's durable store is JVM-wide (see DurableSqs).
    values.put(LocalKeys.SQS_DURABLE.name(), false);
    values.put(ConsumerKeys.INSTANCES.name(), 1);
    ports = new LinkedHashMap<>();
    for (String service : List.of("auth", "releases", "consolidated", "consumer")) {
      int port = TestPorts.free();
      ports.put(service, port);
      values.put(service + ".http.port", port);
    }
    app = LocalApp.start(Config.of(values), LocalApp.Mode.ALL);
    routerVertx = Vertx.vertx();
    routes = routesOfEveryService(routerVertx, app.config());
  }

  @AfterAll
  static void stopProduct() throws Exception {
    if (routerVertx != null) {
      routerVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (app != null) {
      app.close();
    }
  }

  /** Each service's routes as "METHOD /path" in OpenAPI syntax, from its static router factory. */
  private static Map<String, Set<String>> routesOfEveryService(Vertx vertx, Config config)
      throws Exception {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    Passwords passwords = await(Passwords.create(vertx, config));
    AuthApi auth = AuthApi.create(vertx, config, SigningKeys.load(config), passwords,
        MongoClients.create(vertx, config), RedisClients.create(vertx, config));
    result.put("auth", routesOf(AuthHttpVerticle.router(vertx, config, auth)));
    result.put("releases", routesOf(ReleasesHttpVerticle.router(vertx, config,
        MongoClients.create(vertx, config), RedisClients.create(vertx, config))));
    result.put("consolidated", routesOf(ReportRoutes.router(vertx, config, new NoReports(),
        List.of())));
    result.put("consumer", routesOf(ConsumerHttpVerticle.router(vertx, config, List.of())));
    return result;
  }

  private static Set<String> routesOf(Router router) {
    Set<String> result = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = declaredPath(route);
      if (path == null) {
        continue; // cross-cutting handlers: request ids, body limit, failure handler
      }
      if (route.methods() == null || route.methods().isEmpty()) {
        result.add("ANY " + path);
      } else {
        route.methods().forEach(method -> result.add(method.name() + " " + path));
      }
    }
    return result;
  }

  /**
   * The path as declared, in OpenAPI syntax ({@code /releases/:id -> /releases/{id}}); null for
   * a route without a path. Vert.x keeps a declared path with parameters as the route's name (and
   * marks it a regex path); a real regex route is reported as such so the test fails on it.
   */
  private static String declaredPath(Route route) {
    String name = route.getName();
    if (route.isRegexPath()) {
      return name != null && name.matches("(/[A-Za-z0-9._~:-]*)+")
          ? name.replaceAll(":([A-Za-z0-9_]+)", "{$1}") : "regex:" + name;
    }
    return route.getPath();
  }

  private static String service(int documentedPort) {
    String service = SERVICES_BY_DOCUMENTED_PORT.get(documentedPort);
    assertThat(service).as("a service documented on port %d", documentedPort).isNotNull();
    return service;
  }

  /** The documented operations of one service, as "METHOD /path". */
  private static Set<String> documented(String service) {
    Set<String> result = new TreeSet<>();
    for (OpenApiDocumentModel.Operation operation : document.operations()) {
      if (operation.ports().stream().map(OpenApiContractTest::service).anyMatch(service::equals)) {
        result.add(operation.key());
      }
    }
    return result;
  }

  @Test
  void theDocumentIsOpenApi31AndDescribesTheContractsOperations() {
    assertThat(document.root().get("openapi")).isEqualTo("3.1.0");
    assertThat(document.operations()).extracting(OpenApiDocumentModel.Operation::key)
        .contains("POST /auth/login", "POST /auth/refresh", "POST /auth/logout",
            "GET /.well-known/jwks.json", "POST /releases", "GET /releases",
            "GET /releases/{id}", "POST /releases/{id}/reversal", "GET /consolidated/daily",
            "GET /consolidated");
  }

  @Test
  void everyRouteOfEveryServiceIsDocumentedForThatService() {
    for (Map.Entry<String, Set<String>> service : routes.entrySet()) {
      assertThat(service.getValue())
          .as("routes of %s missing from openapi.yaml (or not listing %s's port in servers)",
              service.getKey(), service.getKey())
          .isSubsetOf(documented(service.getKey()));
    }
  }

  @Test
  void everyDocumentedOperationIsRoutedByEveryServiceItNames() {
    for (String service : routes.keySet()) {
      assertThat(routes.get(service))
          .as("operations openapi.yaml documents on %s that its router lacks", service)
          .containsAll(documented(service));
    }
  }

  @Test
  void everyServiceRoutesAndServesTheOperationsRoutes() throws Exception {
    for (Map.Entry<String, Integer> service : ports.entrySet()) {
      assertThat(routes.get(service.getKey())).as(service.getKey())
          .containsAll(OPERATIONS_ROUTES);
      for (String operation : OPERATIONS_ROUTES) {
        HttpResponse<String> response = send(service.getValue(), "GET",
            operation.substring("GET ".length()));
        assertThat(response.statusCode()).as("%s on %s", operation, service.getKey())
            .isEqualTo(200);
      }
      HttpResponse<String> openapi = send(service.getValue(), "GET", "/openapi.yaml");
      assertThat(openapi.body()).as("/openapi.yaml of %s", service.getKey())
          .startsWith("openapi: 3.1");
    }
  }

  @Test
  void everyDocumentedOperationAnswersAnAnonymousBodilessRequestWithADocumentedResponse()
      throws Exception {
    List<String> violations = new ArrayList<>();
    for (OpenApiDocumentModel.Operation operation : document.operations()) {
      for (int documentedPort : operation.ports()) {
        String service = service(documentedPort);
        String path = operation.path().replaceAll("\\{[^}/]+}", "contract-probe");
        HttpResponse<String> response = send(ports.get(service), operation.method(), path);
        String problem = checkAgainstDocument(operation, response);
        if (problem != null) {
          violations.add(operation.key() + " on " + service + ": " + problem);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /** Null if the response is one the operation documents, else what is wrong with it. */
  private static String checkAgainstDocument(OpenApiDocumentModel.Operation operation,
      HttpResponse<String> response) {
    int status = response.statusCode();
    if (!operation.statuses().contains(status)) {
      return "status " + status + " is not documented " + operation.statuses() + " ("
          + response.body() + ")";
    }
    if (response.headers().firstValue("X-Request-Id").isEmpty()) {
      return "no X-Request-Id";
    }
    Map<String, Object> documentedResponse = operation.responses().get(String.valueOf(status));
    Object content = documentedResponse.get("content");
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (content == null) {
      return response.body().isEmpty() ? null : status + " has a body but documents none";
    }
    Set<String> mediaTypes = OpenApiDocumentModel.map(content, "content").keySet();
    return mediaTypes.contains(mediaType) ? null
        : status + " answered '" + contentType + "', documented " + mediaTypes;
  }

  private static HttpResponse<String> send(int port, String method, String path)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody())
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The router needs a report source to be built; listing its routes never calls it. */
  private static final class NoReports implements ReportSource {

    @Override
    public Future<Buffer> daily(String companyId,
        LocalDate date, String requestId) {
      return Future.failedFuture("not used by the contract test");
    }

    @Override
    public Future<Buffer> range(String companyId,
        LocalDate from, LocalDate to, String requestId) {
      return Future.failedFuture("not used by the contract test");
    }
  }
}
