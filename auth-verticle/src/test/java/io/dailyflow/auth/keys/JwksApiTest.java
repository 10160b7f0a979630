package io.dailyflow.auth.keys;

import static io.dailyflow.auth.AuthTestServer.MERCHANT_A;
import static io.dailyflow.auth.AuthTestServer.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.auth.AuthClient;
import io.dailyflow.auth.AuthKeys;
import io.dailyflow.auth.AuthTestServer;
import io.dailyflow.common.auth.JwtAuthHandler;
import io.dailyflow.common.auth.RsaKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.common.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JWKS during a key rotation: the previous key (here TestTokens' pair) stays published and its
 * tokens stay accepted while new tokens are signed with the current key.
 */
@ExtendWith(VertxExtension.class)
class JwksApiTest {

  private static TestInfra infra;
  private static Config config;
  private static AuthClient client;
  private static TestTokens previous;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = TestInfra.start();
    previous = new TestTokens(vertx);
    config = AuthTestServer.config(infra, Map.of(AuthKeys.PREVIOUS_PUBLIC_KEY_PATH.name(),
        previous.publicKeyPath().toString()));
    client = new AuthClient(vertx, config);
    AuthTestServer.deploy(vertx, config).onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop() throws Exception {
    infra.close();
  }

  @Test
  void jwksPublishesTheCurrentAndThePreviousKeyByKid(VertxTestContext ctx) {
    client.get("/.well-known/jwks.json").send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.getHeader("Content-Type")).startsWith("application/json");
          JsonArray keys = response.bodyAsJsonObject().getJsonArray("keys");
          assertThat(keys).hasSize(2);
          for (Object entry : keys) {
            JsonObject jwk = (JsonObject) entry;
            assertThat(jwk.fieldNames()).containsExactlyInAnyOrder("kty", "kid", "use", "alg",
                "n", "e");
            assertThat(jwk.getString("kty")).isEqualTo("RSA");
            assertThat(jwk.getString("use")).isEqualTo("sig");
            assertThat(jwk.getString("alg")).isEqualTo("RS256");
            assertThat(jwk.getString("kid")).isEqualTo(RsaKeys.keyId(toKey(jwk)));
          }
          assertThat(keys.getJsonObject(1).getString("kid")).isEqualTo(previous.kid());
          ctx.completeNow();
        })));
  }

  @Test
  void theJwksKeyNamedByATokensKidVerifiesThatToken(Vertx vertx, VertxTestContext ctx) {
    Future.all(client.get("/.well-known/jwks.json").send(),
            client.accessToken(MERCHANT_A, passwordOf(MERCHANT_A)))
        .compose(both -> {
          JsonArray keys = both.<HttpResponse<Buffer>>resultAt(0).bodyAsJsonObject()
              .getJsonArray("keys");
          String token = both.resultAt(1);
          String kid = new JsonObject(Buffer.buffer(Base64.getUrlDecoder()
              .decode(token.split("\\.")[0]))).getString("kid");
          JsonObject jwk = keys.stream().map(JsonObject.class::cast)
              .filter(key -> key.getString("kid").equals(kid)).findFirst().orElseThrow();
          String pem = RsaKeys.pem("PUBLIC KEY", toKey(jwk).getEncoded());
          return JwtAuthHandler.provider(vertx, config, List.of(pem))
              .authenticate(new TokenCredentials(token));
        })
        .onComplete(ctx.succeeding(user -> ctx.verify(() -> {
          assertThat(user.principal().getString("username")).isEqualTo(MERCHANT_A);
          ctx.completeNow();
        })));
  }

  @Test
  void aTokenSignedWithThePreviousKeyIsStillAcceptedByAuthsOwnRoutes(VertxTestContext ctx) {
    String oldToken = previous.token("admin-under-old-key", "company-a", "admin");
    JsonObject newUser = new JsonObject()
        .put("username", "rotated-" + UUID.randomUUID().toString().substring(0, 8))
        .put("password", "a-long-enough-password")
        .put("roles", new JsonArray().add("viewer"));
    client.createUser(oldToken, newUser)
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(201);
          assertThat(response.bodyAsJsonObject().getString("companyId")).isEqualTo("company-a");
          ctx.completeNow();
        })));
  }

  @Test
  void aTokenSignedWithAnUnpublishedKeyIs401(Vertx vertx, VertxTestContext ctx) {
    String forged = new TestTokens(vertx).token("intruder", "company-a", "admin");
    client.createUser(forged, new JsonObject())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(401);
          ctx.completeNow();
        })));
  }

  private static RSAPublicKey toKey(JsonObject jwk) {
    try {
      BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n")));
      BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")));
      return (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(n, e));
    } catch (java.security.GeneralSecurityException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
