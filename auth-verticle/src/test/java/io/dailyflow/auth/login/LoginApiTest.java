package io.dailyflow.auth.login;

import static io.dailyflow.auth.AuthTestServer.ADMIN_A;
import static io.dailyflow.auth.AuthTestServer.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.auth.AuthClient;
import io.dailyflow.auth.AuthKeys;
import io.dailyflow.auth.AuthTestServer;
import io.dailyflow.common.auth.JwtAuthHandler;
import io.dailyflow.common.auth.RsaKeys;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.common.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Login against a real Auth API with the production Argon2id parameters. */
@ExtendWith(VertxExtension.class)
class LoginApiTest {

  private static TestInfra infra;
  private static Config config;
  private static AuthClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = TestInfra.start();
    Map<String, Object> production = Map.of(AuthKeys.ARGON2_MEMORY_KIB.name(), 19_456,
        AuthKeys.ARGON2_ITERATIONS.name(), 2);
    config = AuthTestServer.config(infra, production);
    client = new AuthClient(vertx, config);
    AuthTestServer.deploy(vertx, config).onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop() throws Exception {
    infra.close();
  }

  @Test
  void loginAnswersABearerTokenWhoseClaimsAndKidVerifyWithThePublicKey(Vertx vertx,
      VertxTestContext ctx) throws Exception {
    String publicPem = Files.readString(config.path(CommonKeys.JWT_PUBLIC_KEY_PATH));
    String kid = RsaKeys.keyId(RsaKeys.parsePublicKey(publicPem));
    client.login(ADMIN_A, passwordOf(ADMIN_A))
        .compose(response -> {
          ctx.verify(() -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.getHeader("Content-Type")).startsWith("application/json");
            assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
          });
          JsonObject body = response.bodyAsJsonObject();
          return verify(vertx, publicPem, body.getString("access_token")).map(claims -> {
            ctx.verify(() -> {
              assertThat(body.fieldNames()).containsExactlyInAnyOrder("access_token",
                  "token_type", "expires_in", "refresh_token");
              assertThat(body.getString("token_type")).isEqualTo("Bearer");
              assertThat(body.getInteger("expires_in")).isEqualTo(900);
              assertThat(Base64.getUrlDecoder().decode(body.getString("refresh_token")))
                  .hasSizeGreaterThanOrEqualTo(32);
              String token = body.getString("access_token");
              JsonObject header = decodePart(token, 0);
              assertThat(header.getString("alg")).isEqualTo("RS256");
              assertThat(header.getString("kid")).isEqualTo(kid);
              JsonObject payload = decodePart(token, 1);
              assertThat(payload.fieldNames()).containsExactlyInAnyOrder("iss", "aud", "sub",
                  "username", "company", "roles", "iat", "exp", "jti");
              assertThat(payload.getString("iss")).isEqualTo("dailyflow-auth");
              assertThat(payload.getString("aud")).isEqualTo("dailyflow");
              assertThat(payload.getString("username")).isEqualTo(ADMIN_A);
              assertThat(payload.getString("company")).isEqualTo("company-a");
              assertThat(payload.getJsonArray("roles")).isEqualTo(new JsonArray(
                  List.of("admin", "merchant")));
              assertThat(payload.getLong("exp") - payload.getLong("iat")).isEqualTo(900);
              assertThat(claims.getString("sub")).isEqualTo(payload.getString("sub"));
            });
            return claims;
          });
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void passwordsAreStoredAsArgon2idWithTheProductionParameters(Vertx vertx,
      VertxTestContext ctx) {
    MongoClient mongo = io.dailyflow.common.clients.MongoClients.create(vertx, config);
    mongo.findOne("users", new JsonObject().put("username", ADMIN_A), null)
        .onComplete(ctx.succeeding(user -> ctx.verify(() -> {
          assertThat(user.getString("passwordHash")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
              .doesNotContain(passwordOf(ADMIN_A));
          ctx.completeNow();
        })));
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSame401(VertxTestContext ctx) {
    Future.all(client.login(ADMIN_A, "wrong-password"), client.login("nobody-here", "whatever"))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          var wrong = both.<io.vertx.ext.web.client.HttpResponse<Buffer>>resultAt(0);
          var unknown = both.<io.vertx.ext.web.client.HttpResponse<Buffer>>resultAt(1);
          assertThat(wrong.statusCode()).isEqualTo(401);
          assertThat(unknown.statusCode()).isEqualTo(401);
          assertThat(wrong.getHeader("Content-Type")).startsWith("application/problem+json");
          assertThat(unknown.bodyAsJsonObject()).isEqualTo(wrong.bodyAsJsonObject());
          assertThat(unknown.getHeader("WWW-Authenticate"))
              .isEqualTo(wrong.getHeader("WWW-Authenticate"));
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownUserCostsOneArgon2RunLikeAWrongPassword(VertxTestContext ctx) {
    double before = argon2Runs();
    client.login("no-such-user", "guess")
        .compose(unknown -> {
          double afterUnknown = argon2Runs();
          return client.login(ADMIN_A, "not-the-password").map(wrong -> {
            ctx.verify(() -> {
              assertThat(unknown.statusCode()).isEqualTo(401);
              assertThat(wrong.statusCode()).isEqualTo(401);
              assertThat(afterUnknown - before).isEqualTo(1.0);
              assertThat(argon2Runs() - afterUnknown).isEqualTo(1.0);
            });
            return wrong;
          });
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static double argon2Runs() {
    return Metrics.registry().get("dailyflow.auth.argon2.runs").counter().count();
  }

  private static Future<JsonObject> verify(Vertx vertx, String publicPem, String token) {
    return JwtAuthHandler.provider(vertx, config, List.of(publicPem))
        .authenticate(new TokenCredentials(token))
        .map(user -> user.principal());
  }

  static JsonObject decodePart(String jwt, int index) {
    return new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(jwt.split("\\.")[index])));
  }
}
