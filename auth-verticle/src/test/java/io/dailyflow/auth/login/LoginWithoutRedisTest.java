package io.dailyflow.auth.login;

import static io.dailyflow.auth.AuthTestServer.MERCHANT_A;
import static io.dailyflow.auth.AuthTestServer.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.auth.AuthClient;
import io.dailyflow.auth.AuthTestServer;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.common.testing.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis backs only the throttle: with Redis down, logins keep working, Auth stays ready, and the
 * throttle counts in the process instead.
 */
@ExtendWith(VertxExtension.class)
class LoginWithoutRedisTest {

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
  void withRedisDownLoginStillWorksAndTheFailOpenIsCounted(Vertx vertx, VertxTestContext ctx) {
    double failOpenBefore = failOpens();
    vertx.executeBlocking(() -> {
          infra.stopRedis();
          return null;
        })
        .compose(v -> client.login(MERCHANT_A, passwordOf(MERCHANT_A)))
        .compose(login -> client.get("/health/ready").send().map(ready -> {
          ctx.verify(() -> {
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.bodyAsJsonObject().getJsonObject("dependencies").fieldNames())
                .containsExactly("mongo");
            assertThat(failOpens()).isGreaterThan(failOpenBefore);
          });
          return ready;
        }))
        .compose(ready -> vertx.executeBlocking(() -> {
          infra.restartRedis();
          return ready;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void withRedisDownRepeatedFailuresAreStillThrottledInThisProcess(Vertx vertx,
      VertxTestContext ctx) {
    String username = "nobody-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    java.util.List<Integer> statuses = new java.util.ArrayList<>();
    io.vertx.core.Future<Void> attempts = vertx.executeBlocking(() -> {
      infra.stopRedis();
      return null;
    });
    for (int i = 0; i < 6; i++) {
      attempts = attempts.compose(v -> client.login(username, "wrong-password-123")
          .map(response -> {
            statuses.add(response.statusCode());
            return null;
          }));
    }
    attempts
        .eventually(() -> vertx.executeBlocking(() -> {
          infra.restartRedis();
          return null;
        }))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);
          ctx.completeNow();
        })));
  }

  private static double failOpens() {
    return Metrics.registry().get("dailyflow.auth.throttle.unavailable").counter().count();
  }
}
