package io.dailyflow.consolidated.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.release.BusinessCalendar;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.common.testing.TestPorts;
import io.dailyflow.common.testing.TestTokens;
import io.dailyflow.consolidated.ConsolidatedKeys;
import io.dailyflow.consolidated.ConsolidatedRootVerticle;
import io.dailyflow.consolidated.Ledger;
import io.dailyflow.consolidated.report.ReportCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.RedisAPI;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole service (root verticle: bus service + HTTP instances serving reports directly) over
 * real sockets, per the contract.
 */
@ExtendWith(VertxExtension.class)
class ConsolidatedApiTest {

  private static final LocalDate DAY = LocalDate.of(2025, 6, 10);

  private static TestInfra infra;
  private static Vertx vertx;
  private static TestTokens tokens;
  private static Config config;
  private static WebClient client;
  private static Ledger ledger;

  @BeforeAll
  static void start() throws Exception {
    infra = SharedInfra.servers();
    vertx = Vertx.vertx();
    tokens = new TestTokens(vertx);
    int port = TestPorts.free();
    Map<String, Object> overrides = new HashMap<>(tokens.config());
    overrides.put(ConsolidatedKeys.HTTP_PORT.name(), port);
    overrides.put(ConsolidatedKeys.SERVICE_INSTANCES.name(), 2);
    overrides.put("http.instances", 2);
    config = infra.config(overrides);
    vertx.deployVerticle(new ConsolidatedRootVerticle(config))
        .toCompletionStage().toCompletableFuture().get();
    client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(port));
    ledger = new Ledger(MongoClients.create(vertx, config),
        RedisAPI.api(RedisClients.create(vertx, config)));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static HttpRequest<Buffer> get(String company, String uri) {
    return client.get(uri).bearerTokenAuthentication(tokens.token("user-1", company, "merchant"));
  }

  @Test
  void theDailyReportFollowsTheContractWithAmountsAsTwoDigitStrings(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ledger.record(company, DAY, 10, 20, 150_000, -2_550)
        .compose(ignored -> get(company, "/consolidated/daily?date=2025-06-10").send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.getHeader("Content-Type")).startsWith("application/json");
          assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
              .put("date", "2025-06-10")
              .put("currency", "BRL")
              .put("credits", "1500.30")
              .put("debits", "25.50")
              .put("balance", "1474.80")
              .put("count", 4));
          ctx.completeNow();
        })));
  }

  @Test
  void withoutADateTheDailyReportIsTodayInTheCompanysZone(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    LocalDate today = BusinessCalendar.from(config).today(company);
    ledger.record(company, today, -1)
        .compose(ignored -> get(company, "/consolidated/daily").send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("date")).isEqualTo(today.toString());
          assertThat(body.getString("balance")).isEqualTo("-0.01");
          assertThat(body.getString("debits")).isEqualTo("0.01");
          ctx.completeNow();
        })));
  }

  @Test
  void theRangeReportListsEveryDayIncludingEmptyOnesAndExactTotals(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ledger.record(company, LocalDate.of(2024, 2, 28), 10, 20)
        .compose(ignored -> ledger.record(company, LocalDate.of(2024, 3, 1), -5))
        .compose(ignored -> get(company, "/consolidated?from=2024-02-28&to=2024-03-01").send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("from")).isEqualTo("2024-02-28");
          assertThat(body.getString("to")).isEqualTo("2024-03-01");
          assertThat(body.getString("currency")).isEqualTo("BRL");
          assertThat(body.getJsonArray("days")).isEqualTo(new JsonArray()
              .add(day("2024-02-28", "0.30", "0.00", "0.30", 2))
              .add(day("2024-02-29", "0.00", "0.00", "0.00", 0))
              .add(day("2024-03-01", "0.00", "0.05", "-0.05", 1)));
          assertThat(body.getJsonObject("totals")).isEqualTo(new JsonObject()
              .put("credits", "0.30").put("debits", "0.05").put("balance", "0.25")
              .put("count", 3));
          ctx.completeNow();
        })));
  }

  private static JsonObject day(String date, String credits, String debits, String balance,
      int count) {
    return new JsonObject().put("date", date).put("credits", credits).put("debits", debits)
        .put("balance", balance).put("count", count);
  }

  @Test
  void aRangeOf366DaysIsAnsweredAndOneOf367IsRefused(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    get(company, "/consolidated?from=2024-01-01&to=2024-12-31").send()
        .compose(longest -> {
          ctx.verify(() -> {
            assertThat(longest.statusCode()).isEqualTo(200);
            assertThat(longest.bodyAsJsonObject().getJsonArray("days")).hasSize(366);
          });
          return get(company, "/consolidated?from=2024-01-01&to=2025-01-01").send();
        })
        .onComplete(ctx.succeeding(tooLong -> ctx.verify(() -> {
          assertProblem(tooLong, 400, "to");
          ctx.completeNow();
        })));
  }

  @Test
  void badDatesAreRefusedWith400NamingTheField(VertxTestContext ctx) {
    Map<String, String> cases = Map.of(
        "/consolidated/daily?date=2024-02-30", "date",
        "/consolidated/daily?date=2024-1-1", "date",
        "/consolidated/daily?date=yesterday", "date",
        "/consolidated/daily?date=", "date",
        "/consolidated/daily?date=2024-01-01&date=2024-01-02", "date",
        "/consolidated/daily?date=%zz", "query",
        "/consolidated?from=2024-01-01", "to",
        "/consolidated?to=2024-01-01", "from",
        "/consolidated?from=2024-01-02&to=2024-01-01", "to",
        "/consolidated?from=2024-13-01&to=2024-01-01", "from");
    String company = Ledger.newCompany();
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, String> badCase : cases.entrySet()) {
      chain = chain.compose(ignored -> get(company, badCase.getKey()).send())
          .map(response -> {
            ctx.verify(() -> assertProblem(response, 400, badCase.getValue()));
            return null;
          });
    }
    chain.onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aRangeWithoutFromAndToNamesBoth(VertxTestContext ctx) {
    get(Ledger.newCompany(), "/consolidated").send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 400, "from");
          assertThat(response.bodyAsJsonObject().getJsonArray("errors")).hasSize(2);
          ctx.completeNow();
        })));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field"))).contains(field);
  }

  @Test
  void reportsWithoutAValidTokenAre401(VertxTestContext ctx) {
    TestTokens stranger = new TestTokens(vertx);
    String forged = stranger.token("user-1", "company-a", "merchant");
    Future.all(List.of(
            client.get("/consolidated/daily").send(),
            client.get("/consolidated?from=2024-01-01&to=2024-01-02").send(),
            client.get("/consolidated/daily").bearerTokenAuthentication(forged).send(),
            client.get("/consolidated/daily").bearerTokenAuthentication("not.a.token").send()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            HttpResponse<Buffer> response = all.resultAt(i);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
          }
          ctx.completeNow();
        })));
  }

  @Test
  void eachCompanySeesOnlyItsOwnTotals(VertxTestContext ctx) {
    String companyA = Ledger.newCompany();
    String companyB = Ledger.newCompany();
    ledger.record(companyA, DAY, 99_999)
        .compose(ignored -> Future.all(
            get(companyA, "/consolidated/daily?date=2025-06-10").send(),
            get(companyB, "/consolidated/daily?date=2025-06-10").send(),
            get(companyB, "/consolidated?from=2025-06-10&to=2025-06-10").send()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> a = all.resultAt(0);
          HttpResponse<Buffer> b = all.resultAt(1);
          HttpResponse<Buffer> bRange = all.resultAt(2);
          assertThat(a.bodyAsJsonObject().getString("credits")).isEqualTo("999.99");
          assertThat(b.bodyAsJsonObject().getString("credits")).isEqualTo("0.00");
          assertThat(b.bodyAsJsonObject().getInteger("count")).isZero();
          assertThat(bRange.bodyAsJsonObject().getJsonObject("totals").getInteger("count"))
              .isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void aReleaseRecordedAfterACachedReadIsInTheResponsesAfterTheJoinWindow(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    String uri = "/consolidated/daily?date=2025-06-10";
    ledger.record(company, DAY, 1_000)
        .compose(ignored -> get(company, uri).send())
        .compose(ignored -> get(company, uri).send())
        .compose(cached -> ledger.record(company, DAY, 1))
        // A read within ReportCache.JOIN_WINDOW of the cached one may share its answer.
        .compose(ignored -> vertx.timer(ReportCache.JOIN_WINDOW.toMillis() + 5))
        .compose(ignored -> get(company, uri).send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.bodyAsJsonObject().getString("credits")).isEqualTo("10.01");
          assertThat(response.bodyAsJsonObject().getInteger("count")).isEqualTo(2);
          ctx.completeNow();
        })));
  }

  @Test
  void withRedisStoppedReportsAreStillExactAndStayExactAfterItsRestart(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    String uri = "/consolidated/daily?date=2025-06-10";
    ledger.record(company, DAY, 10, 20)
        .compose(ignored -> get(company, uri).send())
        .compose(cached -> vertx.executeBlocking(() -> {
          infra.stopRedis();
          return null;
        }))
        .compose(ignored -> ledger.store(company, DAY, -3))
        .compose(ignored -> Future.all(get(company, uri).send(), get(company, uri).send()))
        .compose(whileDown -> {
          ctx.verify(() -> {
            for (int i = 0; i < whileDown.size(); i++) {
              HttpResponse<Buffer> response = whileDown.resultAt(i);
              assertThat(response.statusCode()).isEqualTo(200);
              assertThat(response.bodyAsJsonObject().getString("balance")).isEqualTo("0.27");
            }
          });
          return vertx.executeBlocking(() -> {
            infra.restartRedis();
            return null;
          });
        })
        .compose(ignored -> ledger.record(company, DAY, 100))
        .compose(ignored -> get(company, uri).send())
        .onComplete(ctx.succeeding(afterRestart -> ctx.verify(() -> {
          assertThat(afterRestart.statusCode()).isEqualTo(200);
          assertThat(afterRestart.bodyAsJsonObject().getString("balance")).isEqualTo("1.27");
          assertThat(afterRestart.bodyAsJsonObject().getInteger("count")).isEqualTo(4);
          ctx.completeNow();
        })));
  }

  @Test
  void theReleaseDayIndexExistsOnceTheServiceHasStarted(VertxTestContext ctx) {
    MongoClients.create(vertx, config).listIndexes(ReleaseDocuments.COLLECTION)
        .onComplete(ctx.succeeding(indexes -> ctx.verify(() -> {
          assertThat(indexes.stream().map(index -> ((JsonObject) index).getJsonObject("key")))
              .contains(ReleaseDocuments.DAY_INDEX);
          ctx.completeNow();
        })));
  }

  @Test
  void readinessIsUpAndCacheCountersArePublished(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    get(company, "/consolidated/daily?date=2025-06-10").send()
        .compose(ignored -> get(company, "/consolidated/daily?date=2025-06-10").send())
        .compose(ignored -> Future.all(client.get("/health/ready").send(),
            client.get("/metrics").send()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> ready = all.resultAt(0);
          HttpResponse<Buffer> metrics = all.resultAt(1);
          assertThat(ready.statusCode()).isEqualTo(200);
          assertThat(metrics.bodyAsString()).contains("consolidated_cache_hits_total",
              "consolidated_cache_misses_total", "consolidated_cache_errors_total",
              "consolidated_mongo_read_seconds");
          ctx.completeNow();
        })));
  }
}
