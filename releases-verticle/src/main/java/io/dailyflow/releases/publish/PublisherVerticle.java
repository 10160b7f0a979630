package io.dailyflow.releases.publish;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.bus.FailureCode;
import io.dailyflow.common.clients.SqsClients;
import io.dailyflow.common.config.Config;
import io.dailyflow.releases.ReleasesKeys;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Owns the SQS client and consumes {@link Addresses#RELEASES_PUBLISH}. Messages that arrive within
 * {@code releases.publish-batch-window-ms} of each other (at most 10) go out in one
 * SendMessageBatch; each event-bus message is answered on its own once SQS acknowledged its entry,
 * or failed with {@link FailureCode#UNAVAILABLE}. Also answers the readiness probe on
 * {@link #HEALTH_ADDRESS}. On undeploy it stops consuming, sends what is pending and waits for
 * the batches in flight.
 */
public final class PublisherVerticle extends VerticleBase {

  /** Readiness probe: replies when the queue answers. */
  public static final String HEALTH_ADDRESS = "dailyflow.releases.publisher.health";

  static final int MAX_BATCH = 10;

  private final Config config;
  private final Set<Future<Void>> inFlight = new HashSet<>();
  private List<Message<Object>> pending = new ArrayList<>(MAX_BATCH);
  private long flushTimer = -1;
  private long windowMs;
  private SqsBatchSender sender;
  private MessageConsumer<Object> consumer;
  private MessageConsumer<Object> health;

  public PublisherVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    long timeoutMs = config.positiveInt(ReleasesKeys.PUBLISH_TIMEOUT_MS);
    long warmUpMs = config.positiveInt(ReleasesKeys.SQS_WARMUP_TIMEOUT_MS);
    windowMs = config.positiveInt(ReleasesKeys.PUBLISH_BATCH_WINDOW_MS);
    // Building the SDK client and its first call load many classes: keep that off the event
    // loop. The client's own limit covers slow first calls; each send is held to the timeout.
    return vertx.executeBlocking(() -> {
      SqsAsyncClient client = SqsClients.create(config, Duration.ofMillis(Math.max(warmUpMs,
          timeoutMs)));
      return new SqsBatchSender(client, config, context, timeoutMs,
          SqsClients.queueUrl(client, config, context));
    }).compose(created -> {
      sender = created;
      consumer = vertx.eventBus().consumer(Addresses.RELEASES_PUBLISH, this::enqueue);
      health = vertx.eventBus().consumer(HEALTH_ADDRESS, this::probe);
      return Future.all(consumer.completion(), health.completion(), sender.warmUp(warmUpMs));
    });
  }

  private void probe(Message<Object> msg) {
    sender.probe()
        .onSuccess(ok -> msg.reply(new JsonObject().put("status", "UP")))
        .onFailure(e -> msg.fail(FailureCode.UNAVAILABLE.code(), "The queue does not answer"));
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumer.unregister(), health.unregister())
        .compose(v -> {
          flush();
          return Future.join(new ArrayList<>(inFlight));
        })
        .eventually(() -> {
          sender.close();
          return Future.succeededFuture();
        });
  }

  private void enqueue(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject)) {
      msg.fail(FailureCode.INVALID.code(), "A release message must be a JSON object");
      return;
    }
    pending.add(msg);
    if (pending.size() >= MAX_BATCH) {
      flush();
    } else if (flushTimer < 0) {
      flushTimer = vertx.setTimer(windowMs, id -> {
        flushTimer = -1;
        flush();
      });
    }
  }

  private void flush() {
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
      flushTimer = -1;
    }
    if (pending.isEmpty()) {
      return;
    }
    List<Message<Object>> batch = pending;
    pending = new ArrayList<>(MAX_BATCH);
    Future<Void> sent = sender.send(batch);
    inFlight.add(sent);
    sent.onComplete(ignored -> inFlight.remove(sent));
  }
}
