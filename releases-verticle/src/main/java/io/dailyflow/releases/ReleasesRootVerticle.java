package io.dailyflow.releases;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.releases.publish.PublisherVerticle;
import io.dailyflow.releases.query.ReleaseIndexes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The Releases API process: the publisher verticle(s) that own the SQS client first, then the
 * HTTP verticles ({@code http.instances}). The MongoDB indexes the reads need are ensured in the
 * background: intake must start and work while MongoDB is down.
 */
public final class ReleasesRootVerticle extends VerticleBase {

  private final Config config;
  private ReleaseIndexes indexes;

  public ReleasesRootVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    int publishers = config.positiveInt(ReleasesKeys.PUBLISHER_INSTANCES);
    indexes = new ReleaseIndexes(vertx, MongoClients.create(vertx, config));
    indexes.ensureInBackground();
    return vertx.deployVerticle(() -> new PublisherVerticle(config),
            new DeploymentOptions().setInstances(publishers))
        .compose(id -> vertx.deployVerticle(() -> new ReleasesHttpVerticle(config),
            new DeploymentOptions().setInstances(httpInstances())));
  }

  @Override
  public Future<?> stop() {
    return indexes.close();
  }

  private int httpInstances() {
    return config.instances(CommonKeys.HTTP_INSTANCES, Runtime.getRuntime().availableProcessors());
  }
}
