package io.dailyflow.consumer;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.consumer.batch.BatchProcessor;
import io.dailyflow.consumer.batch.BatchReport;
import io.dailyflow.consumer.batch.DayVersionBumper;
import io.dailyflow.consumer.batch.Deliveries;
import io.dailyflow.consumer.batch.PoisonHandler;
import io.dailyflow.consumer.batch.ReleaseStore;
import io.dailyflow.consumer.metrics.ConsumerMetrics;
import io.dailyflow.consumer.queue.SqsQueue;
import io.dailyflow.consumer.totals.DayTotalsWriter;
import io.dailyflow.consumer.totals.TotalsState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One poll loop: long-poll the queue and hand each batch to the {@link BatchProcessor}, with up
 * to {@code consumer.batches-in-flight} batches being processed while the next receive waits on
 * the queue, so a slow store does not idle the queue and a slow receive does not idle the store.
 * After a failure it backs off, and receives again only once MongoDB and Redis answer. On
 * undeploy it stops receiving, lets the batches in flight finish (bounded by
 * {@code consumer.stop-timeout-ms}) and completes; a long poll in flight is abandoned and its
 * messages are redelivered.
 */
public final class ConsumerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerVerticle.class);

  private final Config config;
  private final ConsumerSettings settings;
  private final SqsAsyncClient sqs;
  private final TotalsState totals;
  private final Backoff backoff;
  private final Promise<Void> stopped = Promise.promise();
  private MongoClient mongo;
  private Redis redis;
  private SqsQueue queue;
  private BatchProcessor processor;
  private DependencyProbe probe;
  private ConsumerMetrics metrics;
  private boolean stopping;
  private boolean degraded;
  private boolean receiving;
  private int batchesInFlight;
  private long timerId = -1;

  public ConsumerVerticle(Config config, ConsumerSettings settings, SqsAsyncClient sqs,
      TotalsState totals) {
    this.config = config;
    this.settings = settings;
    this.sqs = sqs;
    this.totals = totals;
    this.backoff = new Backoff(settings.backoffInitialMs(), settings.backoffMaxMs());
  }

  @Override
  public Future<?> start() {
    mongo = MongoClients.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    queue = new SqsQueue(sqs, config, settings, context);
    metrics = new ConsumerMetrics(Metrics.registry(), config.string(CommonKeys.SQS_QUEUE_NAME));
    processor = new BatchProcessor(queue, new DayTotalsWriter(mongo, totals),
        new ReleaseStore(mongo), new DayVersionBumper(redis),
        new PoisonHandler(queue, settings, metrics), new BatchReport(vertx.eventBus(), metrics),
        metrics, Clock.systemUTC(), settings.batchTimeoutMs());
    probe = new DependencyProbe(mongo, redis);
    context.runOnContext(v -> next());
    return Future.succeededFuture();
  }

  /** Receives if nothing stops it: stopping, a receive or a back-off pending, or a full pipe. */
  private void next() {
    if (stopping) {
      if (!receiving && batchesInFlight == 0) {
        stopped.tryComplete();
      }
      return;
    }
    if (receiving || timerId >= 0 || batchesInFlight >= settings.batchesInFlight()) {
      return;
    }
    receiving = true;
    (degraded ? probe.both() : Future.<Void>succeededFuture())
        .compose(v -> receive())
        .onComplete(received -> {
          receiving = false;
          if (received.failed()) {
            failed(received.cause());
          } else {
            process(received.result());
          }
          next();
        });
  }

  private Future<List<Message>> receive() {
    return queue.receive().onFailure(e -> {
      if (!stopping) {
        metrics.receiveFailed();
      }
    });
  }

  private void process(List<Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    metrics.oldestMessageAge(messages.stream().map(m -> Deliveries.age(m, now))
        .max(Duration::compareTo).orElse(Duration.ZERO));
    batchesInFlight++;
    processor.process(messages).onComplete(done -> {
      batchesInFlight--;
      if (done.succeeded()) {
        degraded = false;
        backoff.reset();
      } else {
        failed(done.cause());
      }
      next();
    });
  }

  /** Backs off before the next receive; what was not deleted will be redelivered. */
  private void failed(Throwable cause) {
    degraded = true;
    if (stopping || timerId >= 0) {
      return;
    }
    long delay = backoff.next();
    LOG.warn("Poll round failed; what it did not delete will be redelivered; next attempt in "
        + "{} ms: {}", delay, cause.toString());
    timerId = vertx.setTimer(delay, id -> {
      timerId = -1;
      next();
    });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    queue.stopReceiving();
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    next();
    return stopped.future()
        .timeout(settings.stopTimeoutMs(), TimeUnit.MILLISECONDS)
        .recover(e -> {
          LOG.warn("Batch in flight did not finish within {} ms; it will be redelivered",
              settings.stopTimeoutMs());
          return Future.succeededFuture();
        })
        .compose(v -> Future.join(redis.close(), mongo.close()))
        .otherwiseEmpty();
  }
}
