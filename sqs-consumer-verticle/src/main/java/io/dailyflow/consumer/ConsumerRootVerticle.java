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
import io.dailyflow.consumer.totals.TotalsPruner;
import io.dailyflow.consumer.totals.TotalsState;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The consumer service: creates the release indexes, deploys {@code consumer.instances} poll
 * loops sharing one queue and one {@link TotalsState}, then the health/metrics server; refreshes
 * the queue-depth gauges and prunes the day totals' pending lists ({@link TotalsPruner}).
 * Undeploying it (SIGTERM) undeploys the loops first, each finishing its batches in flight.
 */
public final class ConsumerRootVerticle extends VerticleBase {

  private static final long INDEX_RETRY_MS = 5_000;

  private final Config config;
  private SqsAsyncClient sqs;
  private MongoClient mongo;
  private ReleaseIndexes indexes;
  private QueueDepthMonitor depth;
  private TotalsPruner pruner;

  public ConsumerRootVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    ConsumerSettings settings = ConsumerSettings.from(config);
    sqs = SqsClients.create(config, settings.sqsCallTimeout());
    mongo = MongoClients.create(vertx, config);
    indexes = new ReleaseIndexes(vertx, mongo, INDEX_RETRY_MS);
    TotalsState totals = new TotalsState();
    pruner = new TotalsPruner(vertx, mongo, totals);
    return indexes.ensure()
        .compose(v -> vertx.deployVerticle(
            () -> new ConsumerVerticle(config, settings, sqs, totals),
            new DeploymentOptions().setInstances(settings.instances())))
        .onSuccess(id -> pruner.start(settings.totalsPruneMs()))
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
    return pruner.stop().compose(v -> mongo.close()).otherwiseEmpty();
  }
}
