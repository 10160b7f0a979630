package io.dailyflow.consolidated.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.common.testing.TestPorts;
import io.dailyflow.common.testing.TestTokens;
import io.dailyflow.consolidated.Ledger;
import io.dailyflow.consolidated.report.ConsolidationService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The routes over {@link ServiceReports} (no event-bus hop), mounted on a throwaway server. */
@ExtendWith(VertxExtension.class)
class DirectReportsTest {

  private static final LocalDate DAY = LocalDate.of(2025, 9, 1);

  private static TestInfra infra;

  @BeforeAll
  static void startInfra() {
    infra = SharedInfra.servers();
  }

  private static Future<WebClient> serve(Vertx vertx, Config config, TestTokens tokens) {
    Config withKeys = config.with(tokens.config());
    Redis redis = RedisClients.create(vertx, withKeys);
    ConsolidationService service =
        ConsolidationService.create(MongoClients.create(vertx, withKeys), redis, withKeys);
    return vertx.createHttpServer()
        .requestHandler(ReportRoutes.router(vertx, withKeys, new ServiceReports(service),
            List.of()))
        .listen(0, "127.0.0.1")
        .map(HttpServer::actualPort)
        .map(port -> WebClient.create(vertx, new WebClientOptions()
            .setDefaultHost("127.0.0.1").setDefaultPort(port)));
  }

  @Test
  void directReportsAreExactAndFreshAfterAVersionBump(Vertx vertx, VertxTestContext ctx) {
    Config config = infra.config(Map.of());
    TestTokens tokens = new TestTokens(vertx);
    Ledger ledger = new Ledger(MongoClients.create(vertx, config),
        RedisAPI.api(RedisClients.create(vertx, config)));
    String company = Ledger.newCompany();
    serve(vertx, config, tokens).compose(client -> {
      String token = tokens.token("user-1", company, "merchant");
      return ledger.record(company, DAY, 10, 20)
          .compose(ignored -> client.get("/consolidated/daily?date=2025-09-01")
              .bearerTokenAuthentication(token).send())
          .compose(first -> {
            ctx.verify(() -> assertThat(first.bodyAsJsonObject().getString("credits"))
                .isEqualTo("0.30"));
            return ledger.record(company, DAY, -5);
          })
          .compose(ignored -> client.get("/consolidated?from=2025-08-31&to=2025-09-01")
              .bearerTokenAuthentication(token).send());
    }).onComplete(ctx.succeeding(range -> ctx.verify(() -> {
      assertThat(range.statusCode()).isEqualTo(200);
      assertThat(range.bodyAsJsonObject().getJsonArray("days")).hasSize(2);
      assertThat(range.bodyAsJsonObject().getJsonObject("totals").getString("balance"))
          .isEqualTo("0.25");
      ctx.completeNow();
    })));
  }

  @Test
  void withMongoDownADirectReportIs503WithRetryAfter(Vertx vertx, VertxTestContext ctx) {
    Map<String, Object> dead = new HashMap<>();
    dead.put("mongo.uri", "mongodb://127.0.0.1:" + TestPorts.free());
    dead.put("mongo.timeout-ms", 300);
    TestTokens tokens = new TestTokens(vertx);
    serve(vertx, infra.config(dead), tokens)
        .compose(client -> client.get("/consolidated/daily?date=2025-09-01")
            .bearerTokenAuthentication(tokens.token("user-1", "company-a", "merchant")).send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(503);
          assertThat(response.getHeader("Retry-After")).isEqualTo("2");
          assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
          ctx.completeNow();
        })));
  }
}
