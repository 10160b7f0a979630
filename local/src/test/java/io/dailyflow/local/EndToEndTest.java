package io.dailyflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.ForgedTokens;
import io.dailyflow.common.testing.TestPorts;
import io.dailyflow.common.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole product started as the local jar starts it (embedded SQS, MongoDB-protocol server on an
 * H2 file, Redis; the four services in one process) and driven over HTTP like a client would.
 */
class EndToEndTest {

  private static LocalApp app;
  private static ProductClient client;
  private static Path dataDir;

  @BeforeAll
  static void startProduct() throws Exception {
    Path root = Path.of(System.getProperty("dailyflow.repo.root", ".."));
    dataDir = Files.createTempDirectory("dailyflow-e2e");
    Map<String, Object> values = new HashMap<>();
    values.put(LocalKeys.DATA_DIR.name(), dataDir.resolve("data").toString());
    values.put(LocalKeys.SQS_PORT.name(), 0);
    values.put(LocalKeys.MONGO_PORT.name(), 0);
    values.put(LocalKeys.REDIS_PORT.name(), 0);
    values.put(LocalKeys.PRIVATE_KEY_PATH.name(), dataDir.resolve("keys/private.pem").toString());
    values.put(CommonKeys.JWT_PUBLIC_KEY_PATH.name(), dataDir.resolve("keys/public.pem").toString());
    values.put("auth.seed-file", root.resolve("conf/users.json").toString());
    values.put(CommonKeys.SQS_ACCESS_KEY.name(), "local");
    values.put(CommonKeys.SQS_SECRET_KEY.name(), "local");
    values.put(CommonKeys.HTTP_INSTANCES.name(), 2);
    values.put("consumer.instances", 2);
    // In-process runs share one JVM: ElasticMQ's durable store is JVM-wide (see DurableSqs).
    values.put(LocalKeys.SQS_DURABLE.name(), false);
    Map<String, Integer> ports = new HashMap<>();
    for (String service : new String[] {"auth", "releases", "consolidated"}) {
      int port = TestPorts.free();
      ports.put(service, port);
      values.put(service + ".http.port", port);
    }
    app = LocalApp.start(Config.of(values), LocalApp.Mode.ALL);
    client = new ProductClient(ports);
  }

  @AfterAll
  static void stopProduct() {
    if (app != null) {
      app.close();
    }
  }

  private static String today() {
    return LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString();
  }

  private static String release(String description, String amount) {
    return "{\"description\":\"" + description + "\",\"amount\":" + amount + "}";
  }

  /** Waits until the daily report counts {@code count} releases (the consumer is async). */
  private static JsonObject dailyWhenCount(String token, int count) {
    AtomicReference<JsonObject> report = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
      ProductClient.Reply reply = client.get("consolidated", "/consolidated/daily?date=" + today(),
          token);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      report.set(reply.json());
      return report.get().getInteger("count") >= count;
    });
    return report.get();
  }

  @Test
  void aMerchantSeesExactTotalsOfItsOwnReleasesOnlyAndForgedTokensAreRefused() throws Exception {
    String tokenA = client.login("merchant-a", "merchant-a-pass");
    String tokenB = client.login("merchant-b", "merchant-b-pass");

    ProductClient.Reply first = client.post("releases", "/releases", tokenA,
        release("Sale 1", "100.10"));
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    JsonObject accepted = first.json();
    assertThat(accepted.getString("status")).isEqualTo("PENDING");
    assertThat(accepted.getString("amount")).isEqualTo("100.10");
    assertThat(accepted.getString("type")).isEqualTo("CREDIT");
    assertThat(accepted.getString("date")).isEqualTo(today());
    assertThat(first.header("Location")).isEqualTo("/releases/" + accepted.getString("id"));
    for (String body : new String[] {release("Coffee", "0.10"), release("Tea", "\"0.20\""),
        release("Rent", "-50.05")}) {
      ProductClient.Reply reply = client.post("releases", "/releases", tokenA, body);
      assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }
    assertThat(client.post("releases", "/releases", tokenB, release("B sale", "7")).status())
        .isEqualTo(202);

    JsonObject reportA = dailyWhenCount(tokenA, 4);
    assertThat(reportA).isEqualTo(new JsonObject()
        .put("date", today()).put("currency", "BRL").put("credits", "100.40")
        .put("debits", "50.05").put("balance", "50.35").put("count", 4));
    JsonObject reportB = dailyWhenCount(tokenB, 1);
    assertThat(reportB.getString("balance")).isEqualTo("7.00");
    assertThat(reportB.getInteger("count")).isEqualTo(1);

    ProductClient.Reply own = client.get("releases", "/releases/" + accepted.getString("id"),
        tokenA);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().getString("status")).isEqualTo("RECORDED");
    assertThat(client.get("releases", "/releases/" + accepted.getString("id"), tokenB).status())
        .isEqualTo(404);
    ProductClient.Reply listB = client.get("releases", "/releases?date=" + today(), tokenB);
    assertThat(listB.json().getJsonArray("items")).hasSize(1);

    TestTokens stranger = new TestTokens(Vertx.vertx());
    String forged = ForgedTokens.rs256(ForgedTokens.header("RS256", stranger.kid()),
        ForgedTokens.validClaims("intruder", "company-a"), stranger.privateKeyPem());
    ProductClient.Reply refused = client.get("consolidated", "/consolidated/daily", forged);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(client.post("releases", "/releases", forged, release("x", "1")).status())
        .isEqualTo(401);
  }

  @Test
  void healthAndMetricsAnswerOnEveryService() throws Exception {
    for (String service : new String[] {"auth", "releases", "consolidated"}) {
      assertThat(client.get(service, "/health/live", null).status()).isEqualTo(200);
      ProductClient.Reply ready = client.get(service, "/health/ready", null);
      assertThat(ready.status()).as(service + " " + ready.body()).isEqualTo(200);
      ProductClient.Reply metrics = client.get(service, "/metrics", null);
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body()).contains("# TYPE");
      assertThat(metrics.header("X-Request-Id")).isNotBlank();
    }
  }
}
