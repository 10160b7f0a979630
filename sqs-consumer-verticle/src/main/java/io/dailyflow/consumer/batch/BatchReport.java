package io.dailyflow.consumer.batch;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.consumer.metrics.ConsumerMetrics;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the world what a batch did: once stored, a log line per release (with its request id),
 * the counters and the acceptance-to-storage lag; once versioned and deleted,
 * {@link Addresses#RELEASES_RECORDED} on the event bus for local listeners.
 */
public final class BatchReport {

  private static final Logger LOG = LoggerFactory.getLogger(BatchReport.class);

  private final EventBus eventBus;
  private final ConsumerMetrics metrics;

  public BatchReport(EventBus eventBus, ConsumerMetrics metrics) {
    this.eventBus = eventBus;
    this.metrics = metrics;
  }

  /** Right after the bulk write: counted even if a later step fails (redelivery is a no-op). */
  public void stored(StoreOutcome outcome, Instant recordedAt) {
    outcome.inserted().forEach(r -> {
      metrics.recordLag(Duration.between(r.release().acceptedAt(), recordedAt));
      RequestLogs.withRequestId(r.requestId(), () -> LOG.info(
          "Stored release {} of company {} on {} (message {})", r.release().id(),
          r.release().companyId(), r.release().businessDate(), r.message().messageId()));
    });
    outcome.duplicates().forEach(r -> RequestLogs.withRequestId(r.requestId(), () -> LOG.info(
        "Release {} was stored before: redelivered message {}", r.release().id(),
        r.message().messageId())));
    outcome.failed().forEach(r -> RequestLogs.withRequestId(r.requestId(), () -> LOG.warn(
        "Release {} was not stored (message {}); left for redelivery", r.release().id(),
        r.message().messageId())));
    metrics.stored(outcome.inserted().size());
    metrics.duplicates(outcome.duplicates().size());
  }

  /** After the versions were bumped and the messages deleted. */
  public void recorded(StoreOutcome outcome) {
    if (outcome.stored().isEmpty()) {
      return;
    }
    JsonArray ids = new JsonArray();
    outcome.stored().stream().map(r -> r.release().id()).distinct().forEach(ids::add);
    JsonArray days = new JsonArray();
    outcome.days().forEach(day -> days.add(day.toJson()));
    eventBus.publish(Addresses.RELEASES_RECORDED,
        new JsonObject().put("ids", ids).put("days", days));
  }
}
