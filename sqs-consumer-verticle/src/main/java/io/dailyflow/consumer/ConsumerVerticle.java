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
import io.vertx.core.AsyncResult;
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
 * One poll loop: long-poll the queue, process the batch ({@link BatchProcessor}), repeat. After a
 * failure it backs off, and receives again only once MongoDB and Redis answer. On undeploy it
 * stops polling, lets the batch in flight finish (bounded by {@code consumer.stop-timeout-ms})
 * and completes; a long poll in flight is abandoned and its messages are redelivered.
 */
public final class ConsumerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerVerticle.class);

  private final Config config;
  private final ConsumerSettings settings;
  private final SqsAsyncClient sqs;
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
  private long timerId = -1;

  public ConsumerVerticle(Config config, ConsumerSettings settings, SqsAsyncClient sqs) {
    this.config = config;
    this.settings = settings;
    this.sqs = sqs;
    this.backoff = new Backoff(settings.backoffInitialMs(), settings.backoffMaxMs());
  }

  @Override
  public Future<?> start() {
    mongo = MongoClients.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    queue = new SqsQueue(sqs, config, settings, context);
    metrics = new ConsumerMetrics(Metrics.registry(), config.string(CommonKeys.SQS_QUEUE_NAME));
    processor = new BatchProcessor(queue, new ReleaseStore(mongo), new DayVersionBumper(redis),
        new PoisonHandler(queue, settings, metrics), new BatchReport(vertx.eventBus(), metrics),
        metrics, Clock.systemUTC(), settings.batchTimeoutMs());
    probe = new DependencyProbe(mongo, redis);
    context.runOnContext(v -> poll());
    return Future.succeededFuture();
  }

  private void poll() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    (degraded ? probe.both() : Future.<Void>succeededFuture())
        .compose(v -> receive())
        .compose(this::process)
        .onComplete(this::afterRound);
  }

  private Future<List<Message>> receive() {
    return queue.receive().onFailure(e -> {
      if (!stopping) {
        metrics.receiveFailed();
      }
    });
  }

  private Future<Void> process(List<Message> messages) {
    Instant now = Instant.now();
    metrics.oldestMessageAge(messages.stream().map(m -> Deliveries.age(m, now))
        .max(Duration::compareTo).orElse(Duration.ZERO));
    return processor.process(messages);
  }

  private void afterRound(AsyncResult<Void> round) {
    if (round.succeeded()) {
      degraded = false;
      backoff.reset();
      next(0);
      return;
    }
    degraded = true;
    long delay = backoff.next();
    if (!stopping) {
      LOG.warn("Poll round failed; what it did not delete will be redelivered; next attempt in "
          + "{} ms: {}", delay, round.cause().toString());
    }
    next(delay);
  }

  private void next(long delayMs) {
    if (stopping) {
      stopped.tryComplete();
    } else if (delayMs == 0) {
      poll();
    } else {
      timerId = vertx.setTimer(delayMs, id -> {
        timerId = -1;
        poll();
      });
    }
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    queue.stopReceiving();
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      stopped.tryComplete();
    }
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
