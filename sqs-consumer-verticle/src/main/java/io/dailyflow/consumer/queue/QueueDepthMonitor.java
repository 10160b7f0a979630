package io.dailyflow.consumer.queue;

import io.dailyflow.consumer.metrics.ConsumerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Refreshes the queue-depth gauges every {@code consumer.queue-depth-interval-ms}: approximate
 * visible and in-flight messages of the queue, and the depth of its dead-letter queue.
 */
public final class QueueDepthMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(QueueDepthMonitor.class);

  private final Vertx vertx;
  private final SqsQueue queue;
  private final ConsumerMetrics metrics;
  private long timerId = -1;
  private boolean failing;
  private boolean stopped;

  public QueueDepthMonitor(Vertx vertx, SqsQueue queue, ConsumerMetrics metrics) {
    this.vertx = vertx;
    this.queue = queue;
    this.metrics = metrics;
  }

  public void start(long intervalMs) {
    timerId = vertx.setPeriodic(1, intervalMs, id -> refresh());
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
  }

  private void refresh() {
    Future<Void> main = queue.url()
        .compose(url -> queue.attributes(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .map(a -> {
          metrics.queueDepth(number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
              number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
          return null;
        });
    Future<Void> deadLetters = queue.deadLetterUrl()
        .compose(url -> queue.attributes(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        .map(a -> {
          metrics.deadLetterDepth(number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
          return null;
        });
    Future.all(main, deadLetters).onComplete(done -> logTransition(done.failed(), done.cause()));
  }

  private void logTransition(boolean failed, Throwable cause) {
    if (stopped) {
      return;
    }
    if (failed && !failing) {
      LOG.warn("Cannot read the queue depth: {}", cause.toString());
    } else if (!failed && failing) {
      LOG.info("Queue depth readable again");
    }
    failing = failed;
  }

  private static long number(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    String value = attributes.get(name);
    try {
      return value != null ? Long.parseLong(value) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
