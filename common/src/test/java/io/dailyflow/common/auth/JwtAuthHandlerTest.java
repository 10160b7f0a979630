package io.dailyflow.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.config.Config;
import io.dailyflow.common.http.ApiRouter;
import io.dailyflow.common.testing.ForgedTokens;
import io.dailyflow.common.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every forged or broken token a reviewer would try gets a 401 problem; a good one passes. */
@ExtendWith(VertxExtension.class)
class JwtAuthHandlerTest {

  private TestTokens tokens;
  private WebClient client;
  private int port;

  @BeforeEach
  void startServer(Vertx vertx, VertxTestContext ctx) {
    tokens = new TestTokens(vertx);
    Config config = Config.of(Map.of()).with(tokens.config());
    Router router = ApiRouter.create(vertx, 65_536, List.of());
    router.get("/whoami")
        .handler(JwtAuthHandler.create(vertx, config))
        .handler(rc -> {
          Caller caller = Caller.of(rc);
          rc.json(new JsonObject().put("company", caller.companyId()).put("user", caller.userId()));
        });
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
    vertx.createHttpServer().requestHandler(router).listen(0)
        .onComplete(ctx.succeeding(server -> {
          port = server.actualPort();
          ctx.completeNow();
        }));
  }

  private Future<HttpResponse<Buffer>> call(String token) {
    var request = client.get(port, "127.0.0.1", "/whoami");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send();
  }

  private void expect401(String token, VertxTestContext ctx) {
    call(token).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
      assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(401);
      ctx.completeNow();
    })));
  }

  private JsonObject rsHeader() {
    return ForgedTokens.header("RS256", tokens.kid());
  }

  @Test
  void aValidTokenPutsTheCallerOnTheContext(VertxTestContext ctx) {
    call(tokens.token("u-1", "company-a", "merchant"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject())
              .isEqualTo(new JsonObject().put("company", "company-a").put("user", "u-1"));
          ctx.completeNow();
        })));
  }

  @Test
  void aHandMadeRs256TokenWithTheRightKeyIsAccepted(VertxTestContext ctx) {
    String token = ForgedTokens.rs256(rsHeader(), ForgedTokens.validClaims("u-2", "company-b"),
        tokens.privateKeyPem());
    call(token).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      ctx.completeNow();
    })));
  }

  @Test
  void noTokenIsRefused(VertxTestContext ctx) {
    expect401(null, ctx);
  }

  @Test
  void algNoneIsRefused(VertxTestContext ctx) {
    expect401(ForgedTokens.unsigned(ForgedTokens.header("none", tokens.kid()),
        ForgedTokens.validClaims("u", "company-a")), ctx);
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused(VertxTestContext ctx) throws Exception {
    byte[] publicPem = Files.readString(tokens.publicKeyPath()).getBytes(StandardCharsets.UTF_8);
    expect401(ForgedTokens.hs256(ForgedTokens.header("HS256", tokens.kid()),
        ForgedTokens.validClaims("u", "company-a"), publicPem), ctx);
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused(Vertx vertx, VertxTestContext ctx) {
    TestTokens other = new TestTokens(vertx);
    expect401(ForgedTokens.rs256(rsHeader(), ForgedTokens.validClaims("u", "company-a"),
        other.privateKeyPem()), ctx);
  }

  @Test
  void anUnknownKidIsRefused(VertxTestContext ctx) {
    expect401(ForgedTokens.rs256(ForgedTokens.header("RS256", "no-such-kid"),
        ForgedTokens.validClaims("u", "company-a"), tokens.privateKeyPem()), ctx);
  }

  @Test
  void anExpiredTokenIsRefused(VertxTestContext ctx) {
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = ForgedTokens.validClaims("u", "company-a")
        .put("iat", now - 1000).put("exp", now - 120);
    expect401(ForgedTokens.rs256(rsHeader(), claims, tokens.privateKeyPem()), ctx);
  }

  @Test
  void aTokenWithoutExpiryIsRefused(VertxTestContext ctx) {
    JsonObject claims = ForgedTokens.validClaims("u", "company-a");
    claims.remove("exp");
    expect401(ForgedTokens.rs256(rsHeader(), claims, tokens.privateKeyPem()), ctx);
  }

  @Test
  void aTokenNotYetValidIsRefused(VertxTestContext ctx) {
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = ForgedTokens.validClaims("u", "company-a").put("nbf", now + 120);
    expect401(ForgedTokens.rs256(rsHeader(), claims, tokens.privateKeyPem()), ctx);
  }

  @Test
  void aWrongIssuerIsRefused(VertxTestContext ctx) {
    JsonObject claims = ForgedTokens.validClaims("u", "company-a").put("iss", "evil");
    expect401(ForgedTokens.rs256(rsHeader(), claims, tokens.privateKeyPem()), ctx);
  }

  @Test
  void aWrongAudienceIsRefused(VertxTestContext ctx) {
    JsonObject claims = ForgedTokens.validClaims("u", "company-a").put("aud", "someone-else");
    expect401(ForgedTokens.rs256(rsHeader(), claims, tokens.privateKeyPem()), ctx);
  }

  @Test
  void aPayloadTamperedAfterSigningIsRefused(VertxTestContext ctx) {
    String good = ForgedTokens.rs256(rsHeader(), ForgedTokens.validClaims("u", "company-a"),
        tokens.privateKeyPem());
    String[] parts = good.split("\\.");
    String forgedPayload = ForgedTokens.unsigned(rsHeader(),
        ForgedTokens.validClaims("u", "company-b")).split("\\.")[1];
    expect401(parts[0] + "." + forgedPayload + "." + parts[2], ctx);
  }

  @Test
  void aTokenCutInHalfIsRefused(VertxTestContext ctx) {
    String good = tokens.token("u", "company-a");
    expect401(good.substring(0, good.length() / 2), ctx);
  }

  @Test
  void aTruncatedSignatureIsRefused(VertxTestContext ctx) {
    String good = tokens.token("u", "company-a");
    expect401(good.substring(0, good.length() - 10), ctx);
  }

  @Test
  void aTokenWithoutCompanyIsRefused(VertxTestContext ctx) {
    JsonObject claims = ForgedTokens.validClaims("u", "company-a");
    claims.remove("company");
    expect401(ForgedTokens.rs256(rsHeader(), claims, tokens.privateKeyPem()), ctx);
  }

  @Test
  void aRememberedTokenIsServedAgainButATamperedCopyOfItIsStillRefused(VertxTestContext ctx) {
    String good = tokens.token("u-3", "company-a", "merchant");
    String[] parts = good.split("\\.");
    JsonObject otherCompany = ForgedTokens.validClaims("u-3", "company-b");
    String tampered = parts[0] + "." + ForgedTokens.unsigned(rsHeader(), otherCompany)
        .split("\\.")[1] + "." + parts[2];
    call(good)
        .compose(first -> call(good).map(second -> List.of(first, second)))
        .compose(both -> call(tampered).map(forged -> {
          ctx.verify(() -> {
            assertThat(both).allSatisfy(response -> {
              assertThat(response.statusCode()).isEqualTo(200);
              assertThat(response.bodyAsJsonObject().getString("company")).isEqualTo("company-a");
            });
            assertThat(forged.statusCode()).isEqualTo(401);
          });
          return forged;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void garbageInTheAuthorizationHeaderIsRefused(VertxTestContext ctx) {
    expect401("not.a.jwt", ctx);
  }
}
