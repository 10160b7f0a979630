package io.dailyflow.auth.user;

import static io.dailyflow.auth.AuthTestServer.MERCHANT_A;
import static io.dailyflow.auth.AuthTestServer.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.auth.AuthClient;
import io.dailyflow.auth.AuthKeys;
import io.dailyflow.auth.AuthTestServer;
import io.dailyflow.auth.password.Argon2Hasher;
import io.dailyflow.auth.password.Argon2Params;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.common.testing.TestPorts;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Provisioning from the seed file, and rehashing on login, each on a fresh database. */
@ExtendWith(VertxExtension.class)
class SeedingTest {

  private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);

  private static TestInfra infra;

  @BeforeAll
  static void start() {
    infra = TestInfra.start();
  }

  @AfterAll
  static void stop() throws Exception {
    infra.close();
  }

  @Test
  void twoAuthProcessesStartingAtOnceSeedEachMissingUserOnceAndKeepExistingOnes(Vertx vertx,
      VertxTestContext ctx) {
    Config first = freshDatabase();
    Config second = first.with(Map.of(AuthKeys.HTTP_PORT.name(), TestPorts.free()));
    MongoClient mongo = MongoClients.create(vertx, first);
    User existing = user(MERCHANT_A, new Argon2Hasher(CHEAP).hash("kept-password"));
    AuthClient viaSecond = new AuthClient(vertx, second);
    mongo.insert("users", existing.toDocument())
        .compose(id -> Future.all(AuthTestServer.deploy(vertx, first),
            AuthTestServer.deploy(vertx, second)))
        .compose(deployed -> Future.all(mongo.find("users", new JsonObject()),
            viaSecond.login(MERCHANT_A, "kept-password"),
            viaSecond.login(MERCHANT_A, passwordOf(MERCHANT_A))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<JsonObject> users = all.resultAt(0);
          assertThat(users).hasSize(4);
          assertThat(users.stream().map(u -> u.getString("username")).distinct()).hasSize(4);
          JsonObject kept = users.stream()
              .filter(u -> u.getString("username").equals(MERCHANT_A)).findFirst().orElseThrow();
          assertThat(kept.getString("_id")).isEqualTo(existing.id());
          assertThat(kept.getString("passwordHash")).isEqualTo(existing.passwordHash());
          assertThat(all.<HttpResponse<Buffer>>resultAt(1).statusCode()).isEqualTo(200);
          assertThat(all.<HttpResponse<Buffer>>resultAt(2).statusCode()).isEqualTo(401);
          ctx.completeNow();
        })));
  }

  @Test
  void aLoginRehashesAPasswordHashedWithWeakerParameters(Vertx vertx, VertxTestContext ctx) {
    Config config = freshDatabase().with(Map.of(AuthKeys.SEED_USERS.name(), false,
        AuthKeys.ARGON2_MEMORY_KIB.name(), 128, AuthKeys.ARGON2_ITERATIONS.name(), 2));
    MongoClient mongo = MongoClients.create(vertx, config);
    User weak = user("old-timer", new Argon2Hasher(CHEAP).hash("old-timer-password"));
    AuthClient client = new AuthClient(vertx, config);
    mongo.insert("users", weak.toDocument())
        .compose(id -> AuthTestServer.deploy(vertx, config))
        .compose(deployed -> client.login("old-timer", "old-timer-password"))
        .compose(login -> mongo.findOne("users", new JsonObject().put("_id", weak.id()), null)
            .compose(stored -> client.login("old-timer", "old-timer-password").map(again -> {
              ctx.verify(() -> {
                assertThat(login.statusCode()).isEqualTo(200);
                assertThat(Argon2Hasher.paramsOf(stored.getString("passwordHash")))
                    .contains(new Argon2Params(128, 2, 1));
                assertThat(again.statusCode()).isEqualTo(200);
              });
              return again;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void seedingCanBeTurnedOff(Vertx vertx, VertxTestContext ctx) {
    Config config = freshDatabase().with(Map.of(AuthKeys.SEED_USERS.name(), false));
    MongoClient mongo = MongoClients.create(vertx, config);
    AuthTestServer.deploy(vertx, config)
        .compose(deployed -> mongo.count("users", new JsonObject()))
        .onComplete(ctx.succeeding(count -> ctx.verify(() -> {
          assertThat(count).isZero();
          ctx.completeNow();
        })));
  }

  private static Config freshDatabase() {
    return AuthTestServer.config(infra, Map.of(CommonKeys.MONGO_DATABASE.name(),
        "seed" + UUID.randomUUID().toString().replace("-", "")));
  }

  private static User user(String username, String hash) {
    return new User(UUID.randomUUID().toString(), username, "company-a", List.of("merchant"),
        false, hash, Instant.now());
  }
}
