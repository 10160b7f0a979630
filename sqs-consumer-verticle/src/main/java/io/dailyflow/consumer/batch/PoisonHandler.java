package io.dailyflow.consumer.batch;

import io.dailyflow.consumer.ConsumerSettings;
import io.dailyflow.consumer.metrics.ConsumerMetrics;
import io.dailyflow.consumer.queue.SqsQueue;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message that is not a valid release is never stored and never deleted: the queue's
 * RedrivePolicy moves it to the dead-letter queue after {@code sqs.max-receives} receives. Until
 * then it is logged and counted at each receive, and hidden for
 * {@code consumer.poison-visibility-seconds} so it does not come back on every poll.
 */
public final class PoisonHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PoisonHandler.class);

  private final SqsQueue queue;
  private final ConsumerSettings settings;
  private final ConsumerMetrics metrics;

  public PoisonHandler(SqsQueue queue, ConsumerSettings settings, ConsumerMetrics metrics) {
    this.queue = queue;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Logs, counts and hides the poison; never fails (the redrive policy is the safety net). */
  public Future<Void> handle(List<PoisonMessage> poison) {
    if (poison.isEmpty()) {
      return Future.succeededFuture();
    }
    poison.forEach(this::report);
    if (settings.poisonVisibilitySeconds() == settings.visibilitySeconds()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> hides = poison.stream()
        .map(p -> queue.hide(p.message(), settings.poisonVisibilitySeconds())
            .onFailure(e -> LOG.debug("Could not hide poison message {}: {}",
                p.message().messageId(), e.toString())))
        .toList();
    return Future.join(hides).<Void>mapEmpty().otherwiseEmpty();
  }

  private void report(PoisonMessage poison) {
    metrics.poison();
    int receives = Deliveries.receiveCount(poison.message());
    boolean last = receives >= settings.maxReceives();
    RequestLogs.withRequestId(Deliveries.requestIdAttribute(poison.message()), () ->
        LOG.warn("Poison message {} (receive {} of {}{}): not a valid release: {}",
            poison.message().messageId(), receives, settings.maxReceives(),
            last ? ", next goes to the dead-letter queue" : "", poison.reason()));
  }
}
