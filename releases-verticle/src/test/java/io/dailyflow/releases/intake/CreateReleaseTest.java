package io.dailyflow.releases.intake;

import static io.dailyflow.releases.TestApp.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.testing.TestTokens;
import io.dailyflow.releases.QueueReader;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.releases.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CreateReleaseTest {

  private static SharedInfra.Slice infra;
  private static TestApp app;
  private static QueueReader queue;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = SharedInfra.slice();
    queue = new QueueReader(vertx, infra.sqsEndpoint(), infra.queueName());
    TestApp.deploy(vertx, infra.config(Map.of()))
        .onComplete(ctx.succeeding(started -> {
          app = started;
          ctx.completeNow();
        }));
  }

  @AfterAll
  static void stop() throws Exception {
    queue.close();
  }

  @Test
  void acceptedReleaseIsOnTheQueueWithCompanyUserRequestIdAndBusinessDate(VertxTestContext ctx) {
    app.request(HttpMethod.POST, "/releases", app.merchant())
        .putHeader("X-Request-Id", "req-accepted-1")
        .sendJsonObject(release("  Coffee beans  ", 12.3))
        .compose(response -> {
          ctx.verify(() -> {
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.getHeader("Content-Type")).startsWith("application/json");
            JsonObject body = response.bodyAsJsonObject();
            assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "status",
                "description", "amount", "type", "date");
            assertThat(body.getString("status")).isEqualTo("PENDING");
            assertThat(body.getString("description")).isEqualTo("Coffee beans");
            assertThat(body.getString("amount")).isEqualTo("12.30");
            assertThat(body.getString("type")).isEqualTo("CREDIT");
            assertThat(body.getString("date"))
                .isEqualTo(LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString());
            assertThat(response.getHeader("Location")).isEqualTo("/releases/" + body.getString("id"));
          });
          String id = response.bodyAsJsonObject().getString("id");
          return queue.receive(QueueReader.withId(id), 1);
        })
        .onComplete(ctx.succeeding(messages -> ctx.verify(() -> {
          assertThat(messages).hasSize(1);
          JsonObject message = messages.get(0).release();
          assertThat(message.getString("companyId")).isEqualTo(TestApp.COMPANY);
          assertThat(message.getString("userId")).isEqualTo("user-a");
          assertThat(message.getString("description")).isEqualTo("Coffee beans");
          assertThat(message.getLong("amountCents")).isEqualTo(1230L);
          assertThat(message.getString("requestId")).isEqualTo("req-accepted-1");
          assertThat(message.getString("date"))
              .isEqualTo(LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString());
          assertThat(message.containsKey("reverses")).isFalse();
          assertThat(messages.get(0).message().messageAttributes().get("requestId").stringValue())
              .isEqualTo("req-accepted-1");
          ctx.completeNow();
        })));
  }

  @Test
  void debitWrittenAsADecimalStringIsAcceptedToTheCent(VertxTestContext ctx) {
    app.post(app.merchant(), release("Rent", "-1500.05"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(202);
          assertThat(response.bodyAsJsonObject().getString("amount")).isEqualTo("-1500.05");
          assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("DEBIT");
          ctx.completeNow();
        })));
  }

  @Test
  void unknownFieldsAreIgnored(VertxTestContext ctx) {
    app.post(app.merchant(), release("Paper", 7).put("currency", "XYZ").put("id", "mine"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(202);
          assertThat(response.bodyAsJsonObject().getString("id")).isNotEqualTo("mine");
          ctx.completeNow();
        })));
  }

  @Test
  void everyInvalidAmountIsA400NamingTheAmount(VertxTestContext ctx) {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("three decimals", "{\"description\":\"x\",\"amount\":1.234}");
    bodies.put("exponent overflow", "{\"description\":\"x\",\"amount\":1e400}");
    bodies.put("NaN string", "{\"description\":\"x\",\"amount\":\"NaN\"}");
    bodies.put("zero", "{\"description\":\"x\",\"amount\":0}");
    bodies.put("minus zero", "{\"description\":\"x\",\"amount\":-0}");
    bodies.put("minus zero string", "{\"description\":\"x\",\"amount\":\"-0.00\"}");
    bodies.put("too large", "{\"description\":\"x\",\"amount\":1000000000000}");
    bodies.put("too large string", "{\"description\":\"x\",\"amount\":\"-1000000000000.00\"}");
    bodies.put("boolean", "{\"description\":\"x\",\"amount\":true}");
    bodies.put("object", "{\"description\":\"x\",\"amount\":{\"value\":1}}");
    bodies.put("array", "{\"description\":\"x\",\"amount\":[1]}");
    bodies.put("null", "{\"description\":\"x\",\"amount\":null}");
    bodies.put("missing", "{\"description\":\"x\"}");
    bodies.put("exponent string", "{\"description\":\"x\",\"amount\":\"1e3\"}");
    bodies.put("long trailing zeros", "{\"description\":\"x\",\"amount\":12.3"
        + "0".repeat(45) + "}");
    expectFieldErrors(ctx, bodies, "amount");
  }

  @Test
  void everyInvalidDescriptionIsA400NamingTheDescription(VertxTestContext ctx) {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("blank", "{\"description\":\"   \",\"amount\":1}");
    bodies.put("empty", "{\"description\":\"\",\"amount\":1}");
    bodies.put("256 characters", "{\"description\":\"" + "d".repeat(256) + "\",\"amount\":1}");
    bodies.put("control character", "{\"description\":\"a\\u0007b\",\"amount\":1}");
    bodies.put("newline inside", "{\"description\":\"a\\nb\",\"amount\":1}");
    bodies.put("number", "{\"description\":12,\"amount\":1}");
    bodies.put("missing", "{\"amount\":1}");
    expectFieldErrors(ctx, bodies, "description");
  }

  private static void expectFieldErrors(VertxTestContext ctx, Map<String, String> bodies,
      String field) {
    List<String> cases = new ArrayList<>(bodies.keySet());
    List<Future<HttpResponse<Buffer>>> responses = cases.stream()
        .map(name -> app.request(HttpMethod.POST, "/releases", app.merchant())
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(bodies.get(name))))
        .toList();
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < cases.size(); i++) {
        HttpResponse<Buffer> response = responses.get(i).result();
        assertThat(response.statusCode()).as(cases.get(i)).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
        JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
        assertThat(errors).as(cases.get(i)).isNotNull();
        assertThat(errors.stream().map(e -> ((JsonObject) e).getString("field")))
            .as(cases.get(i)).containsExactly(field);
      }
      ctx.completeNow();
    })));
  }

  @Test
  void allFieldErrorsAreReportedTogether(VertxTestContext ctx) {
    app.request(HttpMethod.POST, "/releases", app.merchant())
        .putHeader("Idempotency-Key", "has space")
        .sendJsonObject(release("", "1.234"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(400);
          JsonObject problem = response.bodyAsJsonObject();
          assertThat(problem.getString("type")).endsWith("/validation");
          assertThat(problem.getInteger("status")).isEqualTo(400);
          assertThat(problem.getJsonArray("errors").stream()
              .map(e -> ((JsonObject) e).getString("field")))
              .containsExactlyInAnyOrder("description", "amount", "Idempotency-Key");
          ctx.completeNow();
        })));
  }

  @Test
  void bodiesThatAreNotOneStrictJsonObjectAreA400(VertxTestContext ctx) {
    List<String> bodies = List.of("{\"description\":\"a\",\"description\":\"b\",\"amount\":1}",
        "{\"description\":\"a\",\"amount\":1} trailing", "[1,2]", "{\"description\":",
        "", "null", "\"text\"");
    List<Future<HttpResponse<Buffer>>> responses = bodies.stream()
        .map(body -> app.request(HttpMethod.POST, "/releases", app.merchant())
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(body)))
        .toList();
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < bodies.size(); i++) {
        assertThat(responses.get(i).result().statusCode()).as(bodies.get(i)).isEqualTo(400);
      }
      ctx.completeNow();
    })));
  }

  @Test
  void bodyThatIsNotJsonIsA415(VertxTestContext ctx) {
    app.request(HttpMethod.POST, "/releases", app.merchant())
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("{\"description\":\"x\",\"amount\":1}"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(415);
          assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
          ctx.completeNow();
        })));
  }

  @Test
  void bodyLargerThan64KiBIsA413(VertxTestContext ctx) {
    String huge = "{\"description\":\"x\",\"amount\":1,\"pad\":\"" + "p".repeat(70_000) + "\"}";
    app.request(HttpMethod.POST, "/releases", app.merchant())
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(huge))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(413);
          ctx.completeNow();
        })));
  }

  @Test
  void postWithoutATokenIsA401(VertxTestContext ctx) {
    app.post(null, release("x", 1))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(401);
          assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
          ctx.completeNow();
        })));
  }

  @Test
  void tokenSignedByAnotherKeyIsA401(Vertx vertx, VertxTestContext ctx) {
    String forged = new TestTokens(vertx).token("user-a", TestApp.COMPANY, "merchant");
    app.post(forged, release("x", 1))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(401);
          ctx.completeNow();
        })));
  }

  @Test
  void viewerMayNotPostReleases(VertxTestContext ctx) {
    app.post(app.viewer(), release("x", 1))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(403);
          assertThat(response.bodyAsJsonObject().getString("type")).endsWith("/forbidden");
          ctx.completeNow();
        })));
  }

  @Test
  void acceptedAndRejectedReleasesAreCountedInTheMetrics(VertxTestContext ctx) {
    app.post(app.merchant(), release("Counted", 1))
        .compose(ok -> app.post(app.merchant(), release("", 1)))
        .compose(rejected -> app.get(null, "/metrics"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          String metrics = response.bodyAsString();
          assertThat(metrics).contains("releases_accepted_total");
          assertThat(metrics).contains("releases_published_total");
          assertThat(metrics).containsPattern("releases_rejected_total\\{reason=\"invalid\"} [1-9]");
          ctx.completeNow();
        })));
  }
}
