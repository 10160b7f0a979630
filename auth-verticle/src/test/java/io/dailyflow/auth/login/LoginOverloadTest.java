package io.dailyflow.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.auth.AuthClient;
import io.dailyflow.auth.AuthKeys;
import io.dailyflow.auth.AuthTestServer;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With a hashing queue bound of 1, a burst of logins is partly refused with 503; those refused
 * attempts got no verdict, so they give their throttle slots back.
 */
@ExtendWith(VertxExtension.class)
class LoginOverloadTest {

  private static final String TARGET = AuthTestServer.MERCHANT_A;

  private static TestInfra infra;
  private static AuthClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = TestInfra.start();
    Config config = AuthTestServer.config(infra, Map.of(
        AuthKeys.ARGON2_MAX_PENDING.name(), 1,
        AuthKeys.ARGON2_MEMORY_KIB.name(), 19_456,
        AuthKeys.ARGON2_ITERATIONS.name(), 2));
    client = new AuthClient(vertx, config);
    AuthTestServer.deploy(vertx, config).onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop() throws Exception {
    infra.close();
  }

  @Test
  void loginsRefusedForOverloadAre503AndDoNotCountTowardsTheLockout(VertxTestContext ctx) {
    Future.all(IntStream.range(0, 20).mapToObj(i -> client.login(TARGET, "wrong-" + i)).toList())
        .map(burst -> burst.<HttpResponse<Buffer>>list())
        .compose(burst -> untilLocked(new ArrayList<>()).map(after -> {
          ctx.verify(() -> {
            List<Integer> statuses = burst.stream().map(HttpResponse::statusCode).toList();
            // Slots are reserved before any verdict: attempts past 5 in flight are 429s.
            assertThat(statuses).isSubsetOf(401, 503, 429).contains(503);
            burst.stream().filter(r -> r.statusCode() == 503)
                .forEach(r -> assertThat(r.getHeader("Retry-After")).isNotNull());
            long verdicts = statuses.stream().filter(s -> s == 401).count();
            assertThat(verdicts + after.size()).as("401s before the lockout").isEqualTo(5);
          });
          return after;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Wrong passwords one at a time until the 429; returns the statuses before it. */
  private static Future<List<Integer>> untilLocked(List<Integer> seen) {
    return client.login(TARGET, "wrong-again").compose(response -> {
      if (response.statusCode() == 429 || seen.size() > 10) {
        return Future.succeededFuture(seen);
      }
      seen.add(response.statusCode());
      return untilLocked(seen);
    });
  }
}
