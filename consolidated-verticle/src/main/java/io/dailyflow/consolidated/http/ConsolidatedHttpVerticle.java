package io.dailyflow.consolidated.http;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.health.HealthCheck;
import io.dailyflow.common.http.Problems;
import io.dailyflow.consolidated.ConsolidatedKeys;
import io.dailyflow.consolidated.report.ConsolidationService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.util.List;

/**
 * The Consolidated API's HTTP server (deployed {@code http.instances} times on one port). Reports
 * come from a {@link ConsolidationService} of this instance ({@link ServiceReports}), or, with
 * {@code consolidated.http.direct=false}, from the consolidation service verticle over the event
 * bus ({@link BusReports}).
 *
 * <p>Why the reads skip the event bus by default (issue 6): the cached-read target is 40,000
 * req/s on 2 cores, load generator included, i.e. well under 50 us of CPU per read for
 * everything. A local request/reply costs a message, a JSON copy (the JsonObject codec copies
 * on local delivery), a reply timeout timer, event-bus metrics and two context switches: it was
 * about a quarter of the process's CPU per cached read. The service keeps its design otherwise:
 * each HTTP instance runs the same {@link ConsolidationService} the bus verticle runs (same cache,
 * same freshness rules), on its own event loop, so a read costs no hop between threads. The bus
 * path stays deployed and tested: {@code ConsolidatedRootVerticle} still deploys the
 * consolidation verticles, which answer {@code dailyflow.consolidated.*} for any verticle of the
 * process and own the release index, and setting the key to false routes HTTP reads through them.
 */
public final class ConsolidatedHttpVerticle extends VerticleBase {

  private final Config config;
  private MongoClient mongo;
  private Redis redis;

  public ConsolidatedHttpVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    // The process's shared pool (same name as the service's): the readiness probe, and the
    // direct reports if configured.
    mongo = MongoClients.create(vertx, config);
    HealthCheck mongoCheck = new HealthCheck("mongo",
        () -> mongo.runCommand("ping", new JsonObject().put("ping", 1)));
    Router router = ReportRoutes.router(vertx, config, reports(), List.of(mongoCheck));
    return vertx.createHttpServer(serverOptions())
        .invalidRequestHandler(Problems::invalidRequest)
        .requestHandler(router)
        .listen();
  }

  /**
   * No WebSocket here: without WebSocket compression Vert.x leaves the extension handshake
   * handler out of every connection's pipeline, one handler less on each read and write. (HTTP
   * compression is off by default, TCP_NODELAY on.)
   */
  private HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setHost(config.string(CommonKeys.HTTP_HOST))
        .setPort(config.port(ConsolidatedKeys.HTTP_PORT))
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
  }

  private ReportSource reports() {
    if (!config.bool(ConsolidatedKeys.HTTP_DIRECT)) {
      return new BusReports(vertx.eventBus(), config.millis(ConsolidatedKeys.BUS_TIMEOUT_MS));
    }
    redis = RedisClients.create(vertx, config);
    return new ServiceReports(ConsolidationService.create(mongo, redis, config));
  }

  @Override
  public Future<?> stop() {
    if (redis != null) {
      redis.close();
    }
    return mongo.close();
  }
}
