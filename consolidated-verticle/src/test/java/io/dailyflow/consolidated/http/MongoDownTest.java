package io.dailyflow.consolidated.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.testing.TestPorts;
import io.dailyflow.common.testing.TestTokens;
import io.dailyflow.common.config.Config;
import io.dailyflow.consolidated.ConsolidatedKeys;
import io.dailyflow.consolidated.ConsolidatedRootVerticle;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MongoDB unreachable from the start: the service starts anyway and answers 503, not 500. */
@ExtendWith(VertxExtension.class)
class MongoDownTest {

  @Test
  void withMongoDownTheServiceStartsAndReportsAre503WithRetryAfter(Vertx vertx,
      VertxTestContext ctx) {
    TestTokens tokens = new TestTokens(vertx);
    int port = TestPorts.free();
    Map<String, Object> values = new HashMap<>(tokens.config());
    values.put("mongo.uri", "mongodb://127.0.0.1:" + TestPorts.free());
    values.put("mongo.timeout-ms", 300);
    values.put("redis.uri", "redis://127.0.0.1:" + TestPorts.free());
    values.put("http.host", "127.0.0.1");
    values.put("http.instances", 1);
    values.put(ConsolidatedKeys.SERVICE_INSTANCES.name(), 1);
    values.put(ConsolidatedKeys.HTTP_PORT.name(), port);
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(port));
    String token = tokens.token("user-1", "company-a", "merchant");
    vertx.deployVerticle(new ConsolidatedRootVerticle(Config.of(values)))
        .compose(id -> client.get("/consolidated/daily?date=2025-01-01")
            .bearerTokenAuthentication(token).send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(503);
          assertThat(response.getHeader("Retry-After")).isNotBlank();
          assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
          assertThat(response.bodyAsString()).doesNotContain("Exception");
          ctx.completeNow();
        })));
  }
}
