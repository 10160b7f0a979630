package io.dailyflow.releases.publish;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.bus.FailureCode;
import io.dailyflow.common.clients.SqsClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.releases.ReleasesKeys;
import io.dailyflow.releases.publish.BatchRequests.Outgoing;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Owns the SQS client and consumes {@link Addresses#RELEASES_PUBLISH}. Releases go out in
 * SendMessageBatch requests, packed {@code releases.publish-releases-per-message} to a message
 * (ADR 0007), gathered as {@link Batcher} says: for {@code releases.publish-batch-window-ms},
 * longer (up to {@code releases.publish-max-wait-ms}) while a request is still in flight. Each
 * event-bus message is answered on its own once SQS acknowledged the message that carries it, or
 * failed with {@link FailureCode#UNAVAILABLE}. Also answers the readiness probe on
 * {@link #HEALTH_ADDRESS}. On undeploy it stops consuming, sends what is pending and waits for the
 * batches in flight.
 */
public final class PublisherVerticle extends VerticleBase {

  /** Readiness probe: replies when the queue answers. */
  public static final String HEALTH_ADDRESS = "dailyflow.releases.publisher.health";

  private final Config config;
  private Batcher<Outgoing> batcher;
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
    int perMessage = releasesPerMessage(config);
    // Building the SDK client and its first call load many classes: keep that off the event
    // loop. The client's own limit covers slow first calls; each send is held to the timeout.
    return vertx.executeBlocking(() -> {
      SqsAsyncClient client = SqsClients.create(config, Duration.ofMillis(Math.max(warmUpMs,
          timeoutMs)));
      return new SqsBatchSender(client, config, context, timeoutMs,
          SqsClients.queueUrl(client, config, context));
    }).compose(created -> {
      sender = created;
      batcher = new Batcher<>(vertx, config.positiveInt(ReleasesKeys.PUBLISH_BATCH_WINDOW_MS),
          config.positiveInt(ReleasesKeys.PUBLISH_MAX_WAIT_MS),
          perMessage * BatchRequests.MAX_ENTRIES, BatchRequests.MAX_REQUEST_BYTES,
          Outgoing::bytes, batch -> sender.send(BatchRequests.pack(batch, perMessage)));
      consumer = vertx.eventBus().consumer(Addresses.RELEASES_PUBLISH, this::enqueue);
      health = vertx.eventBus().consumer(HEALTH_ADDRESS, this::probe);
      return Future.all(consumer.completion(), health.completion(), sender.warmUp(warmUpMs));
    });
  }

  /**
   * {@code releases.publish-releases-per-message}, except on a FIFO queue: one release per
   * message there (the deduplication id is the release id).
   */
  static int releasesPerMessage(Config config) {
    return config.string(CommonKeys.SQS_QUEUE_NAME).endsWith(".fifo") ? 1
        : config.positiveInt(ReleasesKeys.PUBLISH_RELEASES_PER_MESSAGE);
  }

  private void probe(Message<Object> msg) {
    sender.probe()
        .onSuccess(ok -> msg.reply(new JsonObject().put("status", "UP")))
        .onFailure(e -> msg.fail(FailureCode.UNAVAILABLE.code(), "The queue does not answer"));
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumer.unregister(), health.unregister())
        .compose(v -> batcher.drain())
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
    batcher.add(Outgoing.of(msg));
  }
}
