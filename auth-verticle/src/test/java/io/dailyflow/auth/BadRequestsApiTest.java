package io.dailyflow.auth;

import static io.dailyflow.auth.AuthTestServer.ADMIN_A;
import static io.dailyflow.auth.AuthTestServer.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Malformed requests get problem+json 400/413/415 answers, never a 5xx. */
@ExtendWith(VertxExtension.class)
class BadRequestsApiTest {

  private static final List<String> BODY_ROUTES = List.of("/auth/login", "/auth/refresh",
      "/auth/logout");

  private static TestInfra infra;
  private static AuthClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = TestInfra.start();
    Config config = AuthTestServer.config(infra, Map.of());
    client = new AuthClient(vertx, config);
    AuthTestServer.deploy(vertx, config).onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop() throws Exception {
    infra.close();
  }

  @Test
  void aBodyThatIsNotJsonIs415(VertxTestContext ctx) {
    all(path -> client.post(path).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("username=a&password=b")))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          responses.forEach(response -> assertProblem(response, 415));
          ctx.completeNow();
        })));
  }

  @Test
  void malformedDuplicatedOrNonObjectJsonIs400(VertxTestContext ctx) {
    List<String> bodies = List.of("{\"username\":", "[1,2]", "\"text\"",
        "{\"username\":\"a\",\"username\":\"b\",\"password\":\"c\"}", "{} trailing", "");
    Future.all(bodies.stream().map(body -> client.post("/auth/login")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(body)))
        .toList())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          all.<HttpResponse<Buffer>>list().forEach(response -> assertProblem(response, 400));
          ctx.completeNow();
        })));
  }

  @Test
  void missingOrWronglyTypedFieldsAre400NamingEachField(VertxTestContext ctx) {
    JsonObject login = new JsonObject().put("username", 42);
    JsonObject refresh = new JsonObject().put("refresh_token", List.of("x"));
    Future.all(client.post("/auth/login").sendJsonObject(login),
            client.post("/auth/refresh").sendJsonObject(refresh),
            client.post("/auth/logout").sendJsonObject(new JsonObject()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> loginResponse = all.resultAt(0);
          assertProblem(loginResponse, 400);
          assertThat(fields(loginResponse)).containsExactly("username", "password");
          assertThat(fields(all.resultAt(1))).containsExactly("refresh_token");
          assertThat(fields(all.resultAt(2))).containsExactly("refresh_token");
          ctx.completeNow();
        })));
  }

  @Test
  void aBodyOver64KibIs413(VertxTestContext ctx) {
    String huge = new JsonObject().put("username", ADMIN_A)
        .put("password", "x".repeat(70_000)).encode();
    all(path -> client.post(path).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(huge)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          responses.forEach(response -> assertProblem(response, 413));
          ctx.completeNow();
        })));
  }

  @Test
  void anOverlongPasswordIs400WithoutHashingIt(VertxTestContext ctx) {
    client.login(ADMIN_A, passwordOf(ADMIN_A) + "y".repeat(2_000))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 400);
          assertThat(fields(response)).containsExactly("password");
          ctx.completeNow();
        })));
  }

  @Test
  void unknownPathsAndMethodsAreProblems(VertxTestContext ctx) {
    Future.all(client.get("/auth/login").send(), client.get("/auth/nothing").send())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertProblem(all.resultAt(0), 405);
          assertProblem(all.resultAt(1), 404);
          ctx.completeNow();
        })));
  }

  private static Future<List<HttpResponse<Buffer>>> all(
      java.util.function.Function<String, Future<HttpResponse<Buffer>>> call) {
    return Future.all(BODY_ROUTES.stream().map(call).toList()).map(c -> c.list());
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isNotBlank();
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.encode()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static List<String> fields(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("field")).toList();
  }
}
