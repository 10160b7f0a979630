package io.dailyflow.consolidated;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.consolidated.bus.ConsolidationVerticle;
import io.dailyflow.consolidated.http.ConsolidatedHttpVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Consolidated API: deploys the consolidation service verticles (event-bus consumers) first,
 * then the HTTP verticles. Works beside the other services' root verticles in one Vertx.
 */
public final class ConsolidatedRootVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ConsolidatedRootVerticle.class);

  private final Config config;

  public ConsolidatedRootVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    // With direct reads the HTTP verticles compute reports themselves: the bus service only
    // answers other verticles and owns the release index, so by default one instance will do.
    int cores = Runtime.getRuntime().availableProcessors();
    int services = config.instances(ConsolidatedKeys.SERVICE_INSTANCES,
        config.bool(ConsolidatedKeys.HTTP_DIRECT) ? 1 : cores);
    int servers = config.instances(CommonKeys.HTTP_INSTANCES, cores);
    return vertx.deployVerticle(() -> new ConsolidationVerticle(config),
            new DeploymentOptions().setInstances(services))
        .compose(id -> vertx.deployVerticle(() -> new ConsolidatedHttpVerticle(config),
            new DeploymentOptions().setInstances(servers)))
        .onSuccess(id -> LOG.info("Consolidated API listening on port {} ({} HTTP, {} service "
            + "instances)", config.port(ConsolidatedKeys.HTTP_PORT), servers, services));
  }
}
