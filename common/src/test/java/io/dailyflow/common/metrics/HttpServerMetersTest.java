package io.dailyflow.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dailyflow.common.launch.ServiceLauncher;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ServiceMetricsFactory} must publish exactly the HTTP server series vertx-micrometer-metrics
 * publishes (dashboards and alerts of docs/operations.md read them), with the same counts: the
 * same requests go to a server metered by each, and their scrapes are compared.
 */
class HttpServerMetersTest {

  private static final String PREFIX = "vertx_http_server_";

  @Test
  void publishesTheSeriesAndCountsOfVertxMicrometer() throws Exception {
    PrometheusMeterRegistry vertxRegistry = Metrics.newRegistry();
    PrometheusMeterRegistry ownRegistry = Metrics.newRegistry();
    MicrometerMetricsOptions options = ServiceLauncher.metricsOptions();

    Map<String, String> expected = seriesAfterRequests(new MicrometerMetricsFactory(vertxRegistry),
        vertxRegistry);
    Map<String, String> actual = seriesAfterRequests(
        new ServiceMetricsFactory(ownRegistry, options), ownRegistry);

    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    assertThat(expected).containsEntry(
        "vertx_http_server_requests_total{code=\"200\",method=\"GET\",route=\"/things/:id\"}",
        "3.0");
    assertThat(expected).containsEntry(
        "vertx_http_server_request_resets_total{method=\"GET\"}", "1.0");
    expected.forEach((series, value) -> {
      if (!series.contains("_seconds_sum") && !series.contains("_seconds_max")
          && !series.contains("_seconds_bucket")) {
        assertThat(actual.get(series)).as(series).isEqualTo(value);
      }
    });
    assertThat(actual).hasEntrySatisfying(
        "vertx_http_server_active_requests{method=\"GET\"}", value -> assertThat(value)
            .isEqualTo("0.0"));
  }

  @Test
  void anInventedMethodIsTaggedOther() throws Exception {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Vertx vertx = meteredBy(registry);
    try {
      int port = serve(vertx);
      WebClient client = WebClient.create(vertx);
      join(client.request(HttpMethod.valueOf("BREW"), port, "127.0.0.1", "/things/1").send());
      join(client.request(HttpMethod.valueOf("STEEP"), port, "127.0.0.1", "/things/1").send());
      List<String> server = registry.scrape().lines().filter(line -> line.startsWith(PREFIX))
          .toList();
      assertThat(server).anyMatch(line -> line.startsWith(
          "vertx_http_server_requests_total{code=\"405\",method=\"other\",route=\"\"} 2.0"));
      assertThat(server).noneMatch(line -> line.contains("BREW") || line.contains("STEEP"));
    } finally {
      join(vertx.close());
    }
  }

  @Test
  void aRequestAnsweredBeforeItsBodyAndThenDroppedIsNoLongerActive() throws Exception {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Vertx vertx = meteredBy(registry);
    try {
      // Answered at once, body unread (as UnreadBodies answers a 413); the client then gives up
      // mid-body: Vert.x reports neither the request's end nor a reset for it.
      Router router = Router.router(vertx);
      router.post("/early").handler(ctx -> ctx.response().setStatusCode(413).end());
      int port = join(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
      NetSocket socket = join(vertx.createNetClient().connect(port, "127.0.0.1"));
      Promise<Void> answered = Promise.promise();
      socket.handler(bytes -> {
        if (bytes.toString().contains(" 413 ")) {
          answered.tryComplete();
        }
      });
      join(socket.write("POST /early HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Length: 100000\r\n\r\n" + "x".repeat(100)));
      join(answered.future());
      join(socket.close());

      String active = "vertx_http_server_active_requests{method=\"POST\"} ";
      await().atMost(Duration.ofSeconds(5))
          .until(() -> registry.scrape().contains(active + "0.0"));
      assertThat(registry.scrape()).contains(active + "0.0")
          .contains("vertx_http_server_requests_total{code=\"413\",method=\"POST\","
              + "route=\"/early\"} 1.0")
          .doesNotContain("vertx_http_server_request_resets_total");
    } finally {
      join(vertx.close());
    }
  }

  /** The scrape's {@value #PREFIX} series (name and labels) and their values. */
  private static Map<String, String> seriesAfterRequests(VertxMetricsFactory factory,
      PrometheusMeterRegistry registry) throws Exception {
    Vertx vertx = vertx(factory);
    try {
      int port = serve(vertx);
      WebClient client = WebClient.create(vertx);
      for (int i = 0; i < 3; i++) {
        join(client.get(port, "127.0.0.1", "/things/" + i).send());
      }
      join(client.post(port, "127.0.0.1", "/things").sendBuffer(Buffer.buffer("a body")));
      join(client.get(port, "127.0.0.1", "/nowhere").send());
      join(client.delete(port, "127.0.0.1", "/things").send());
      join(client.get(port, "127.0.0.1", "/broken").send());
      // A client that gives up: the server sees the connection close before it answered.
      client.get(port, "127.0.0.1", "/hang").timeout(100).send();
      await().atMost(Duration.ofSeconds(5))
          .until(() -> registry.scrape().contains(PREFIX + "request_resets_total"));
      Map<String, String> series = new TreeMap<>();
      for (String line : registry.scrape().split("\n")) {
        if (line.startsWith(PREFIX) && !line.startsWith(PREFIX + "active_connections")
            && !line.startsWith(PREFIX + "bytes")) {
          int space = line.lastIndexOf(' ');
          series.put(line.substring(0, space), line.substring(space + 1));
        }
      }
      return series;
    } finally {
      join(vertx.close());
    }
  }

  /** A Vert.x whose metrics are this project's, in {@code registry}. */
  private static Vertx meteredBy(PrometheusMeterRegistry registry) {
    return vertx(new ServiceMetricsFactory(registry, ServiceLauncher.metricsOptions()));
  }

  private static Vertx vertx(VertxMetricsFactory factory) {
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(ServiceLauncher.metricsOptions()))
        .withMetrics(factory)
        .build();
  }

  private static int serve(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.get("/things/:id").handler(ctx -> ctx.end("thing " + ctx.pathParam("id")));
    router.post("/things").handler(ctx -> ctx.response().setStatusCode(201).end());
    router.get("/broken").handler(ctx -> ctx.fail(500));
    router.get("/hang").handler(ctx -> { });
    HttpServer server = join(vertx.createHttpServer().requestHandler(router).listen(0));
    return server.actualPort();
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
