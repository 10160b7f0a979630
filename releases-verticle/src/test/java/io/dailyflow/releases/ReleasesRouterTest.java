package io.dailyflow.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestTokens;
import io.dailyflow.releases.publish.PublisherVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The static router mounted on a throwaway server on port 0, beside a publisher verticle. */
@ExtendWith(VertxExtension.class)
class ReleasesRouterTest {

  private static SharedInfra.Slice infra;
  private static TestTokens tokens;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = SharedInfra.slice();
    tokens = new TestTokens(vertx);
    Config config = infra.config(tokens.config());
    vertx.deployVerticle(new PublisherVerticle(config))
        .compose(id -> vertx.createHttpServer()
            .requestHandler(ReleasesHttpVerticle.router(vertx, config,
                MongoClients.create(vertx, config), RedisClients.create(vertx, config)))
            .listen(0, "127.0.0.1"))
        .map(HttpServer::actualPort)
        .onComplete(ctx.succeeding(port -> {
          client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
              .setDefaultPort(port));
          ctx.completeNow();
        }));
  }

  @Test
  void acceptedReleaseEchoesTheClientsRequestId(VertxTestContext ctx) {
    client.post("/releases")
        .bearerTokenAuthentication(tokens.token("user-a", "company-a", "admin"))
        .putHeader("X-Request-Id", "router-test-1")
        .sendJsonObject(TestApp.release("Mounted", 1))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(202);
          assertThat(response.getHeader("X-Request-Id")).isEqualTo("router-test-1");
          ctx.completeNow();
        })));
  }

  @Test
  void unknownPathsAndMethodsAreProblems(VertxTestContext ctx) {
    client.request(HttpMethod.DELETE, "/releases/some-id").send()
        .compose(delete -> client.get("/nothing-here").send()
            .map(unknown -> Map.entry(delete, unknown)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses.getKey().statusCode()).isEqualTo(405);
          assertThat(responses.getValue().statusCode()).isEqualTo(404);
          assertThat(responses.getValue().getHeader("Content-Type"))
              .startsWith("application/problem+json");
          assertThat(responses.getValue().getHeader("X-Request-Id")).isNotBlank();
          ctx.completeNow();
        })));
  }

  @Test
  void readinessIsUpWhenEveryDependencyAnswers(VertxTestContext ctx) {
    client.get("/health/ready").send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject().getJsonObject("dependencies").fieldNames())
              .containsExactlyInAnyOrder("sqs", "mongo", "redis");
          ctx.completeNow();
        })));
  }
}
