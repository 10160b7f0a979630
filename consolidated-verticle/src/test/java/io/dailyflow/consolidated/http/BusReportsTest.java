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
import io.dailyflow.consolidated.bus.ConsolidationVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routes over {@link BusReports}: the event-bus path that {@code consolidated.http.direct=false}
 * selects, with the consolidation service verticle answering on the bus.
 */
@ExtendWith(VertxExtension.class)
class BusReportsTest {

  private static final LocalDate DAY = LocalDate.of(2025, 9, 2);

  private static TestInfra infra;

  @BeforeAll
  static void startInfra() {
    infra = SharedInfra.servers();
  }

  private static Future<WebClient> serve(Vertx vertx, Config config, TestTokens tokens) {
    Config withKeys = config.with(tokens.config());
    return vertx.deployVerticle(new ConsolidationVerticle(withKeys))
        .compose(id -> vertx.createHttpServer()
            .requestHandler(ReportRoutes.router(vertx, withKeys,
                new BusReports(vertx.eventBus(), Duration.ofSeconds(5)), List.of()))
            .listen(0, "127.0.0.1"))
        .map(HttpServer::actualPort)
        .map(port -> WebClient.create(vertx, new WebClientOptions()
            .setDefaultHost("127.0.0.1").setDefaultPort(port)));
  }

  @Test
  void reportsOverTheBusAreExactAndFreshAfterAVersionBump(Vertx vertx, VertxTestContext ctx) {
    Config config = infra.config(Map.of());
    TestTokens tokens = new TestTokens(vertx);
    Ledger ledger = new Ledger(MongoClients.create(vertx, config),
        RedisAPI.api(RedisClients.create(vertx, config)));
    String company = Ledger.newCompany();
    serve(vertx, config, tokens).compose(client -> {
      String token = tokens.token("user-1", company, "merchant");
      return ledger.record(company, DAY, 10, 20)
          .compose(ignored -> client.get("/consolidated/daily?date=2025-09-02")
              .bearerTokenAuthentication(token).send())
          .compose(first -> {
            ctx.verify(() -> {
              assertThat(first.getHeader("Content-Type"))
                  .isEqualTo("application/json; charset=utf-8");
              assertThat(first.bodyAsJsonObject().getString("credits")).isEqualTo("0.30");
            });
            return ledger.record(company, DAY, -5);
          })
          .compose(ignored -> client.get("/consolidated/daily?date=2025-09-02")
              .bearerTokenAuthentication(token).send());
    }).onComplete(ctx.succeeding(second -> ctx.verify(() -> {
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(second.bodyAsJsonObject().getString("balance")).isEqualTo("0.25");
      assertThat(second.bodyAsJsonObject().getLong("count")).isEqualTo(3);
      ctx.completeNow();
    })));
  }

  @Test
  void withMongoDownABusReportIs503WithRetryAfter(Vertx vertx, VertxTestContext ctx) {
    Map<String, Object> dead = new HashMap<>();
    dead.put("mongo.uri", "mongodb://127.0.0.1:" + TestPorts.free());
    dead.put("mongo.timeout-ms", 300);
    TestTokens tokens = new TestTokens(vertx);
    serve(vertx, infra.config(dead), tokens)
        .compose(client -> client.get("/consolidated/daily?date=2025-09-02")
            .bearerTokenAuthentication(tokens.token("user-1", "company-a", "merchant")).send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(503);
          assertThat(response.getHeader("Retry-After")).isNotBlank();
          assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
          ctx.completeNow();
        })));
  }
}
