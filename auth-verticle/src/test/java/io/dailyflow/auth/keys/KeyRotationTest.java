package io.dailyflow.auth.keys;

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
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.common.testing.TestPorts;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
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
 * The rotation procedure of the module README, with one Auth process per phase on one database:
 * (0) signing with key 1; (1) key 2 published as next; (2) signing with key 2, key 1 previous.
 * A verifier holding the JWKS of phase 1 accepts phase-2 tokens, and phase-0 tokens keep working.
 */
@ExtendWith(VertxExtension.class)
class KeyRotationTest {

  private static TestInfra infra;
  private static AuthClient phase0;
  private static AuthClient phase1;
  private static AuthClient phase2;
  private static Config config0;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    infra = TestInfra.start();
    config0 = AuthTestServer.config(infra, Map.of());
    Path key1 = config0.path(CommonKeys.JWT_PUBLIC_KEY_PATH);
    Path dir2 = Files.createTempDirectory("dailyflow-key2");
    RsaKeys.ensureKeyPair(dir2.resolve("private.pem"), dir2.resolve("public.pem"));
    Config config1 = config0.with(Map.of(AuthKeys.HTTP_PORT.name(), TestPorts.free(),
        AuthKeys.SEED_USERS.name(), false,
        AuthKeys.NEXT_PUBLIC_KEY_PATH.name(), dir2.resolve("public.pem").toString()));
    Config config2 = config0.with(Map.of(AuthKeys.HTTP_PORT.name(), TestPorts.free(),
        AuthKeys.SEED_USERS.name(), false,
        AuthKeys.PRIVATE_KEY_PATH.name(), dir2.resolve("private.pem").toString(),
        CommonKeys.JWT_PUBLIC_KEY_PATH.name(), dir2.resolve("public.pem").toString(),
        AuthKeys.PREVIOUS_PUBLIC_KEY_PATH.name(), key1.toString()));
    phase0 = new AuthClient(vertx, config0);
    phase1 = new AuthClient(vertx, config1);
    phase2 = new AuthClient(vertx, config2);
    AuthTestServer.deploy(vertx, config0)
        .compose(v -> Future.all(AuthTestServer.deploy(vertx, config1),
            AuthTestServer.deploy(vertx, config2)))
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop() throws Exception {
    infra.close();
  }

  @Test
  void aVerifierHoldingThePhaseOneJwksAcceptsTokensSignedWithTheNewKey(Vertx vertx,
      VertxTestContext ctx) {
    Future.all(phase1.get("/.well-known/jwks.json").send(),
            phase2.accessToken(ADMIN_A, passwordOf(ADMIN_A)),
            phase0.accessToken(ADMIN_A, passwordOf(ADMIN_A)))
        .compose(all -> {
          JsonArray cached = all.<HttpResponse<Buffer>>resultAt(0).bodyAsJsonObject()
              .getJsonArray("keys");
          String newToken = all.resultAt(1);
          String oldToken = all.resultAt(2);
          ctx.verify(() -> {
            assertThat(cached).hasSize(2);
            assertThat(kid(newToken)).isNotEqualTo(kid(oldToken));
          });
          var verifier = JwtAuthHandler.provider(vertx, config0, pems(cached));
          return Future.all(verifier.authenticate(new TokenCredentials(newToken)),
              verifier.authenticate(new TokenCredentials(oldToken)));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aTokenSignedBeforeTheSwitchStillWorksOnAnAuthProcessSigningWithTheNewKey(
      VertxTestContext ctx) {
    JsonObject newUser = new JsonObject()
        .put("username", "after-rotation-" + UUID.randomUUID().toString().substring(0, 6))
        .put("password", "a-long-enough-password")
        .put("roles", new JsonArray().add("viewer"));
    phase0.accessToken(ADMIN_A, passwordOf(ADMIN_A))
        .compose(oldToken -> phase2.createUser(oldToken, newUser))
        .compose(created -> phase2.get("/.well-known/jwks.json").send().map(jwks -> {
          ctx.verify(() -> {
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(jwks.bodyAsJsonObject().getJsonArray("keys")).hasSize(2);
          });
          return jwks;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static String kid(String token) {
    return new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(token.split("\\.")[0])))
        .getString("kid");
  }

  private static List<String> pems(JsonArray jwks) {
    return jwks.stream().map(JsonObject.class::cast).map(jwk -> {
      try {
        var spec = new RSAPublicKeySpec(
            new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n"))),
            new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e"))));
        return RsaKeys.pem("PUBLIC KEY", KeyFactory.getInstance("RSA").generatePublic(spec)
            .getEncoded());
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
