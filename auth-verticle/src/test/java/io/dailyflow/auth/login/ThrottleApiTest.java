package io.dailyflow.auth.login;

import static io.dailyflow.auth.AuthTestServer.ADMIN_B;
import static io.dailyflow.auth.AuthTestServer.MERCHANT_A;
import static io.dailyflow.auth.AuthTestServer.VIEWER_A;
import static io.dailyflow.auth.AuthTestServer.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.auth.AuthClient;
import io.dailyflow.auth.AuthTestServer;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Brute-force throttling with the default limits (5 per user, 5 per address, 15 minutes). */
@ExtendWith(VertxExtension.class)
class ThrottleApiTest {

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
  void afterFiveFailuresForAUserEvenTheRightPasswordGets429WithRetryAfter(VertxTestContext ctx) {
    failures(MERCHANT_A, 5)
        .compose(refused -> client.login(MERCHANT_A, passwordOf(MERCHANT_A)).map(locked -> {
          ctx.verify(() -> {
            assertThat(refused).containsOnly(401);
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.getHeader("Content-Type")).startsWith("application/problem+json");
            assertThat(Integer.parseInt(locked.getHeader("Retry-After"))).isBetween(1, 900);
          });
          return locked;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aLockedOutUnknownUserLooksExactlyLikeALockedOutRealOne(VertxTestContext ctx) {
    String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
    failures(VIEWER_A, 5)
        .compose(v -> failures(ghost, 5))
        .compose(v -> Future.all(client.login(VIEWER_A, "x"), client.login(ghost, "x")))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          HttpResponse<Buffer> real = both.resultAt(0);
          HttpResponse<Buffer> unknown = both.resultAt(1);
          assertThat(real.statusCode()).isEqualTo(429);
          assertThat(unknown.statusCode()).isEqualTo(429);
          assertThat(unknown.bodyAsJsonObject()).isEqualTo(real.bodyAsJsonObject());
          ctx.completeNow();
        })));
  }

  @Test
  void oneAddressIsThrottledAfterFiveFailuresAcrossUsernames(VertxTestContext ctx) {
    String address = "203.0.113." + (1 + new java.util.Random(7).nextInt(200));
    sequential(IntStream.range(0, 5).mapToObj(i -> (Supplier<Future<HttpResponse<Buffer>>>)
        () -> client.login("someone-" + i, "guess", address)).toList())
        .compose(refused -> client.login(ADMIN_B, passwordOf(ADMIN_B), address).map(locked -> {
          ctx.verify(() -> {
            assertThat(refused).containsOnly(401);
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.getHeader("Retry-After")).isNotNull();
          });
          return locked;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aParallelBurstOfGuessesGetsNoMoreThanTheLimitChecked(VertxTestContext ctx) {
    String target = "burst-" + UUID.randomUUID().toString().substring(0, 8);
    Future.all(IntStream.range(0, 20).mapToObj(i -> client.login(target, "guess-" + i)).toList())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<Integer> statuses = all.<HttpResponse<Buffer>>list().stream()
              .map(HttpResponse::statusCode).toList();
          assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
          assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(15);
          ctx.completeNow();
        })));
  }

  @Test
  void aSuccessfulLoginClearsTheUsersFailures(VertxTestContext ctx) {
    String user = AuthTestServer.ADMIN_A;
    failures(user, 4)
        .compose(v -> client.login(user, passwordOf(user)))
        .compose(ok -> failures(user, 4).map(more -> {
          ctx.verify(() -> {
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(more).containsOnly(401);
          });
          return more;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** {@code count} wrong-password logins for {@code username}, one after the other. */
  private static Future<List<Integer>> failures(String username, int count) {
    return sequential(IntStream.range(0, count)
        .mapToObj(i -> (Supplier<Future<HttpResponse<Buffer>>>)
            () -> client.login(username, "wrong-" + i))
        .toList());
  }

  private static Future<List<Integer>> sequential(
      List<Supplier<Future<HttpResponse<Buffer>>>> calls) {
    Future<List<Integer>> chain = Future.succeededFuture(List.of());
    for (Supplier<Future<HttpResponse<Buffer>>> call : calls) {
      chain = chain.compose(statuses -> call.get().map(response -> {
        List<Integer> next = new java.util.ArrayList<>(statuses);
        next.add(response.statusCode());
        return next;
      }));
    }
    return chain;
  }
}
