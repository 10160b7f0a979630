package io.dailyflow.consumer;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.SqsClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.consumer.health.ConsumerHttpVerticle;
import io.dailyflow.consumer.metrics.ConsumerMetrics;
import io.dailyflow.consumer.queue.QueueDepthMonitor;
import io.dailyflow.consumer.queue.SqsQueue;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The consumer service: creates the release indexes, deploys {@code consumer.instances} poll
 * loops sharing one queue, then the health/metrics server, and refreshes the queue-depth gauges.
 * Undeploying it (SIGTERM) undeploys the loops first, each finishing its batch in flight.
 */
public final class ConsumerRootVerticle extends VerticleBase {

  private static final long INDEX_RETRY_MS = 5_000;

  private final Config config;
  private SqsAsyncClient sqs;
  private MongoClient mongo;
  private ReleaseIndexes indexes;
  private QueueDepthMonitor depth;

  public ConsumerRootVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    ConsumerSettings settings = ConsumerSettings.from(config);
    sqs = SqsClients.create(config, settings.sqsCallTimeout());
    mongo = MongoClients.create(vertx, config);
    indexes = new ReleaseIndexes(vertx, mongo, INDEX_RETRY_MS);
    return indexes.ensure()
        .compose(v -> vertx.deployVerticle(() -> new ConsumerVerticle(config, settings, sqs),
            new DeploymentOptions().setInstances(settings.instances())))
        .compose(id -> deployHttp(settings))
        .onSuccess(v -> startDepthMonitor(settings));
  }

  private Future<?> deployHttp(ConsumerSettings settings) {
    if (!config.bool(ConsumerKeys.HTTP_ENABLED)) {
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(new ConsumerHttpVerticle(config, settings, sqs));
  }

  private void startDepthMonitor(ConsumerSettings settings) {
    ConsumerMetrics metrics = new ConsumerMetrics(Metrics.registry(),
        config.string(CommonKeys.SQS_QUEUE_NAME));
    depth = new QueueDepthMonitor(vertx, new SqsQueue(sqs, config, settings, context), metrics);
    depth.start(settings.queueDepthIntervalMs());
  }

  @Override
  public Future<?> stop() {
    if (depth != null) {
      depth.stop();
    }
    indexes.cancel();
    // The poll loops (children) are already undeployed: nothing uses the clients any more. The
    // SDK's Netty threads wind down for ~2 s after close; nothing waits for that.
    CompletableFuture.runAsync(sqs::close);
    return mongo.close().otherwiseEmpty();
  }
}
