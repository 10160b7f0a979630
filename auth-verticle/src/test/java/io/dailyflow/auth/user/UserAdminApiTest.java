package io.dailyflow.auth.user;

import static io.dailyflow.auth.AuthTestServer.ADMIN_A;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admin endpoints behind the shared JwtAuthHandler: own company only, admin role only. */
@ExtendWith(VertxExtension.class)
class UserAdminApiTest {

  private static final String NEW_PASSWORD = "a-long-enough-password";

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
  void anAdminCreatesAUserOfItsCompanyWhoCanThenLogIn(VertxTestContext ctx) {
    String username = uniqueName();
    adminToken(ADMIN_A)
        .compose(token -> client.createUser(token, newUser(username, "viewer")))
        .compose(created -> client.tokens(username, NEW_PASSWORD).map(tokens -> {
          ctx.verify(() -> {
            assertThat(created.statusCode()).isEqualTo(201);
            JsonObject user = created.bodyAsJsonObject();
            assertThat(user.fieldNames()).containsExactlyInAnyOrder("id", "username",
                "companyId", "roles", "disabled", "createdAt");
            assertThat(user.getString("companyId")).isEqualTo("company-a");
            assertThat(user.getJsonArray("roles")).isEqualTo(new JsonArray(List.of("viewer")));
            assertThat(user.getBoolean("disabled")).isFalse();
            assertThat(created.getHeader("Location")).isEqualTo("/auth/users/"
                + user.getString("id"));
            assertThat(created.bodyAsString()).doesNotContain("argon2").doesNotContain("Hash");
            assertThat(tokens.getString("access_token")).isNotBlank();
          });
          return tokens;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aDisabledUserCanNeitherLogInNorRefresh(VertxTestContext ctx) {
    String username = uniqueName();
    adminToken(ADMIN_A).compose(admin -> client.createUser(admin, newUser(username, "merchant"))
            .map(created -> created.bodyAsJsonObject().getString("id"))
            .compose(id -> client.tokens(username, NEW_PASSWORD)
                .compose(session -> client.disableUser(admin, id)
                    .compose(disabled -> Future.all(
                        client.login(username, NEW_PASSWORD),
                        client.refresh(session.getString("refresh_token")),
                        client.login("ghost-" + username, NEW_PASSWORD)))
                    .map(after -> {
                      ctx.verify(() -> {
                        HttpResponse<Buffer> login = after.resultAt(0);
                        HttpResponse<Buffer> refresh = after.resultAt(1);
                        HttpResponse<Buffer> ghost = after.resultAt(2);
                        assertThat(login.statusCode()).isEqualTo(401);
                        assertThat(login.bodyAsJsonObject())
                            .as("disabled looks like a wrong password")
                            .isEqualTo(ghost.bodyAsJsonObject());
                        assertThat(refresh.statusCode()).isEqualTo(401);
                      });
                      return after;
                    }))))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void disablingAnotherCompanysUserIs404AndLeavesItWorking(VertxTestContext ctx) {
    String username = uniqueName();
    adminToken(ADMIN_B)
        .compose(adminB -> client.createUser(adminB, newUser(username, "viewer")))
        .map(created -> created.bodyAsJsonObject().getString("id"))
        .compose(idInB -> adminToken(ADMIN_A).compose(adminA -> client.disableUser(adminA, idInB)))
        .compose(refused -> client.login(username, NEW_PASSWORD).map(login -> {
          ctx.verify(() -> {
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
            assertThat(login.statusCode()).isEqualTo(200);
          });
          return login;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void viewersAndMerchantsWithoutTheAdminRoleGet403(VertxTestContext ctx) {
    Future.all(adminToken(VIEWER_A), adminToken(MERCHANT_A))
        .compose(tokens -> Future.all(
            client.createUser(tokens.resultAt(0), newUser(uniqueName(), "viewer")),
            client.createUser(tokens.resultAt(1), newUser(uniqueName(), "viewer")),
            client.disableUser(tokens.resultAt(0), UUID.randomUUID().toString())))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          all.<HttpResponse<Buffer>>list().forEach(response -> {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
          });
          ctx.completeNow();
        })));
  }

  @Test
  void withoutAValidTokenTheAdminRoutesAre401(VertxTestContext ctx) {
    Future.all(client.post("/auth/users").sendJsonObject(newUser(uniqueName(), "viewer")),
            client.createUser("not.a.token", newUser(uniqueName(), "viewer")),
            client.post("/auth/users/x/disable").send())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          all.<HttpResponse<Buffer>>list()
              .forEach(response -> assertThat(response.statusCode()).isEqualTo(401));
          ctx.completeNow();
        })));
  }

  @Test
  void invalidNewUsersAre400NamingEachField(VertxTestContext ctx) {
    JsonObject bad = new JsonObject().put("username", "x").put("password", "short")
        .put("roles", new JsonArray().add("root"));
    JsonObject duplicateRoles = newUser(uniqueName(), "viewer")
        .put("roles", new JsonArray().add("viewer").add("viewer"));
    adminToken(ADMIN_A)
        .compose(admin -> Future.all(client.createUser(admin, bad),
            client.createUser(admin, duplicateRoles),
            client.post("/auth/users").bearerTokenAuthentication(admin)
                .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("x"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> invalid = all.resultAt(0);
          assertThat(invalid.statusCode()).isEqualTo(400);
          assertThat(invalid.getHeader("Content-Type")).startsWith("application/problem+json");
          assertThat(invalid.bodyAsJsonObject().getJsonArray("errors").stream()
              .map(e -> ((JsonObject) e).getString("field")).toList())
              .containsExactly("username", "password", "roles");
          assertThat(all.<HttpResponse<Buffer>>resultAt(1).statusCode()).isEqualTo(400);
          assertThat(all.<HttpResponse<Buffer>>resultAt(2).statusCode()).isEqualTo(415);
          ctx.completeNow();
        })));
  }

  @Test
  void aTakenUsernameIs409(VertxTestContext ctx) {
    adminToken(ADMIN_B)
        .compose(admin -> client.createUser(admin, newUser(MERCHANT_A, "viewer")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(409);
          ctx.completeNow();
        })));
  }

  @Test
  void anAdminCannotDisableItself(VertxTestContext ctx) {
    client.tokens(ADMIN_A, passwordOf(ADMIN_A))
        .compose(tokens -> {
          String token = tokens.getString("access_token");
          String self = new JsonObject(Buffer.buffer(java.util.Base64.getUrlDecoder()
              .decode(token.split("\\.")[1]))).getString("sub");
          return client.disableUser(token, self);
        })
        .compose(refused -> client.login(ADMIN_A, passwordOf(ADMIN_A)).map(login -> {
          ctx.verify(() -> {
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(login.statusCode()).isEqualTo(200);
          });
          return login;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<String> adminToken(String username) {
    return client.accessToken(username, passwordOf(username));
  }

  private static JsonObject newUser(String username, String... roles) {
    return new JsonObject().put("username", username).put("password", NEW_PASSWORD)
        .put("roles", new JsonArray(List.of(roles)));
  }

  private static String uniqueName() {
    return "user-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
