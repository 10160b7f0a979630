package io.dailyflow.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.http.ApiRouter;
import io.dailyflow.common.testing.ForgedTokens;
import io.dailyflow.common.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Verifiers pick up a rotated signing key without a restart, and forged kids cannot hammer Auth. */
@ExtendWith(VertxExtension.class)
class KeyRotationTest {

  private Future<Integer> serve(Vertx vertx, JwtAuthHandler handler) {
    Router router = ApiRouter.create(vertx, 65_536, List.of());
    router.get("/whoami").handler(handler).handler(rc -> rc.json(
        new JsonObject().put("company", Caller.of(rc).companyId())));
    return vertx.createHttpServer().requestHandler(router).listen(0).map(s -> s.actualPort());
  }

  private static Future<HttpResponse<Buffer>> call(WebClient web, int port, String token) {
    return web.get(port, "127.0.0.1", "/whoami").putHeader("Authorization", "Bearer " + token)
        .send();
  }

  @Test
  void aKeyAddedToThePemFileIsTrustedWithoutRestart(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    TestTokens current = new TestTokens(vertx);
    TestTokens next = new TestTokens(vertx);
    Config config = Config.of(Map.of(CommonKeys.JWT_KEYS_REFRESH_FLOOR_SECONDS.name(), 0))
        .with(current.config());
    WebClient web = WebClient.create(vertx);
    serve(vertx, JwtAuthHandler.create(vertx, config))
        .compose(port -> call(web, port, next.token("u", "company-a"))
            .compose(before -> {
              ctx.verify(() -> assertThat(before.statusCode()).isEqualTo(401));
              return vertx.executeBlocking(() -> Files.writeString(current.publicKeyPath(),
                  Files.readString(next.publicKeyPath()), StandardOpenOption.APPEND));
            })
            .compose(written -> Future.all(call(web, port, next.token("u", "company-a")),
                call(web, port, current.token("u", "company-a")))))
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertThat(((HttpResponse<?>) after.resultAt(0)).statusCode()).isEqualTo(200);
          assertThat(((HttpResponse<?>) after.resultAt(1)).statusCode()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  void keysComeFromTheJwksUrlAndUnknownKidsReloadAtMostOncePerFloor(Vertx vertx,
      VertxTestContext ctx) throws Exception {
    TestTokens signer = new TestTokens(vertx);
    JsonObject jwk = RsaKeys.toJwk(RsaKeys.parsePublicKey(
        Files.readString(signer.publicKeyPath())));
    AtomicInteger jwksFetches = new AtomicInteger();
    WebClient web = WebClient.create(vertx);
    vertx.createHttpServer()
        .requestHandler(req -> {
          jwksFetches.incrementAndGet();
          req.response().putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("keys", new JsonArray().add(jwk)).encode());
        })
        .listen(0)
        .compose(jwksServer -> {
          Config config = Config.of(Map.of(
              CommonKeys.JWT_PUBLIC_KEY_PATH.name(), "",
              CommonKeys.JWT_JWKS_URL.name(),
              "http://127.0.0.1:" + jwksServer.actualPort() + "/.well-known/jwks.json",
              CommonKeys.JWT_KEYS_REFRESH_FLOOR_SECONDS.name(), 60));
          return serve(vertx, JwtAuthHandler.create(vertx, config));
        })
        .compose(port -> call(web, port, signer.token("u", "company-a"))
            .compose(good -> {
              ctx.verify(() -> assertThat(good.statusCode()).isEqualTo(200));
              List<Future<HttpResponse<Buffer>>> forged = new ArrayList<>();
              for (int i = 0; i < 20; i++) {
                forged.add(call(web, port, ForgedTokens.rs256(
                    ForgedTokens.header("RS256", "forged-" + i),
                    ForgedTokens.validClaims("u", "company-a"), signer.privateKeyPem())));
              }
              return Future.all(forged);
            }))
        .onComplete(ctx.succeeding(forged -> ctx.verify(() -> {
          for (int i = 0; i < forged.size(); i++) {
            assertThat(((HttpResponse<?>) forged.resultAt(i)).statusCode()).isEqualTo(401);
          }
          assertThat(jwksFetches.get()).isEqualTo(1);
          ctx.completeNow();
        })));
  }
}
