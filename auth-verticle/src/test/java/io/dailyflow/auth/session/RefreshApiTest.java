package io.dailyflow.auth.session;

import static io.dailyflow.auth.AuthTestServer.MERCHANT_A;
import static io.dailyflow.auth.AuthTestServer.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.auth.AuthClient;
import io.dailyflow.auth.AuthTestServer;
import io.dailyflow.auth.store.Dates;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Refresh-token rotation, reuse detection and logout against a real Auth API and MongoDB. */
@ExtendWith(VertxExtension.class)
class RefreshApiTest {

  private static TestInfra infra;
  private static AuthClient client;
  private static MongoClient mongo;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = TestInfra.start();
    Config config = AuthTestServer.config(infra, Map.of());
    client = new AuthClient(vertx, config);
    mongo = MongoClients.create(vertx, config);
    AuthTestServer.deploy(vertx, config).onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop() throws Exception {
    infra.close();
  }

  @Test
  void refreshReturnsANewPairAndTheOldRefreshTokenStopsWorking(VertxTestContext ctx) {
    login().compose(first -> client.refresh(first.getString("refresh_token"))
            .compose(rotated -> client.refresh(first.getString("refresh_token"))
                .map(replayed -> {
                  ctx.verify(() -> {
                    assertThat(rotated.statusCode()).isEqualTo(200);
                    JsonObject body = rotated.bodyAsJsonObject();
                    assertThat(body.fieldNames()).containsExactlyInAnyOrder("access_token",
                        "token_type", "expires_in", "refresh_token");
                    assertThat(body.getString("refresh_token"))
                        .isNotEqualTo(first.getString("refresh_token"));
                    assertThat(body.getString("access_token"))
                        .isNotEqualTo(first.getString("access_token"));
                    assertThat(replayed.statusCode()).isEqualTo(401);
                    assertThat(replayed.getHeader("Content-Type"))
                        .startsWith("application/problem+json");
                  });
                  return replayed;
                })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void replayingARotatedRefreshTokenRevokesTheWholeSession(VertxTestContext ctx) {
    login().compose(first -> client.refresh(first.getString("refresh_token"))
            .map(rotated -> rotated.bodyAsJsonObject().getString("refresh_token"))
            .compose(current -> client.refresh(first.getString("refresh_token"))
                .compose(replay -> client.refresh(current).map(afterReplay -> {
                  ctx.verify(() -> {
                    assertThat(replay.statusCode()).isEqualTo(401);
                    assertThat(afterReplay.statusCode())
                        .as("the legitimate holder's newest token dies with the session")
                        .isEqualTo(401);
                  });
                  return afterReplay;
                }))))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void concurrentRefreshesWithOneTokenSucceedAtMostOnce(VertxTestContext ctx) {
    login().compose(first -> Future.all(IntStream.range(0, 8)
            .mapToObj(i -> client.refresh(first.getString("refresh_token")))
            .toList()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<Integer> statuses = all.<HttpResponse<Buffer>>list().stream()
              .map(HttpResponse::statusCode).toList();
          // Strict reuse detection: a loser sees a retired token and revokes the family, so the
          // winner may find its session revoked too (0 successes) but never two successes.
          assertThat(statuses).isSubsetOf(200, 401);
          assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThanOrEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void logoutIs204AndTheSessionsRefreshTokenNoLongerWorks(VertxTestContext ctx) {
    login().compose(first -> client.logout(first.getString("refresh_token"))
            .compose(logout -> client.refresh(first.getString("refresh_token")).map(after -> {
              ctx.verify(() -> {
                assertThat(logout.statusCode()).isEqualTo(204);
                assertThat(after.statusCode()).isEqualTo(401);
              });
              return after;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void logoutOfAnUnknownTokenIs204AndRevealsNothing(VertxTestContext ctx) {
    client.logout(RefreshTokens.generate())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(204);
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownOrForgedRefreshTokenIs401(VertxTestContext ctx) {
    Future.all(client.refresh(RefreshTokens.generate()), client.refresh("not-a-token"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<HttpResponse<Buffer>>resultAt(0).statusCode()).isEqualTo(401);
          assertThat(all.<HttpResponse<Buffer>>resultAt(1).statusCode()).isEqualTo(401);
          ctx.completeNow();
        })));
  }

  @Test
  void aRefreshTokenPastItsSessionsLifetimeIs401(VertxTestContext ctx) {
    JsonObject past = new JsonObject().put("$set", new JsonObject()
        .put("expiresAt", Dates.of(Instant.now().minusSeconds(1))));
    login().compose(first -> {
      String hash = RefreshTokens.hash(first.getString("refresh_token"));
      return mongo.findOne("refresh_tokens", new JsonObject().put("_id", hash), null)
          .compose(token -> mongo.updateCollection("sessions",
              new JsonObject().put("_id", token.getString("sessionId")), past))
          .compose(v -> mongo.updateCollection("refresh_tokens",
              new JsonObject().put("_id", hash), past))
          .compose(v -> client.refresh(first.getString("refresh_token")));
    }).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(401);
      ctx.completeNow();
    })));
  }

  @Test
  void refreshTokensAreStoredOnlyAsTheirSha256(VertxTestContext ctx) {
    login().compose(first -> mongo.find("refresh_tokens", new JsonObject()).map(docs -> {
      String token = first.getString("refresh_token");
      ctx.verify(() -> {
        assertThat(docs).isNotEmpty();
        assertThat(docs).noneMatch(doc -> doc.encode().contains(token));
        assertThat(docs).anyMatch(doc -> doc.getString("_id").equals(RefreshTokens.hash(token)));
      });
      return docs;
    })).onComplete(ctx.succeedingThenComplete());
  }

  private static Future<JsonObject> login() {
    return client.tokens(MERCHANT_A, passwordOf(MERCHANT_A));
  }
}
