package io.dailyflow.consumer.batch;

import io.dailyflow.consumer.metrics.ConsumerMetrics;
import io.dailyflow.consumer.metrics.ConsumerMetrics.Step;
import io.dailyflow.consumer.queue.SqsQueue;
import io.dailyflow.consumer.totals.DayTotalsWriter;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One received batch, end to end: sort out poison, count the releases into their days' running
 * totals ({@link DayTotalsWriter}: first, because a stored release must be counted), store them
 * with one bulk write, bump the versions of the days they touched, then delete exactly the
 * messages whose releases (one, or several: ADR 0007) are all stored and versioned. A failed step fails the batch before any delete, so its
 * messages are redelivered; counting and storing again are no-ops (the release id is the key).
 */
public final class BatchProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

  private final SqsQueue queue;
  private final DayTotalsWriter totals;
  private final ReleaseStore store;
  private final DayVersionBumper versions;
  private final PoisonHandler poison;
  private final BatchReport report;
  private final ConsumerMetrics metrics;
  private final Clock clock;
  private final long timeoutMs;

  /**
   * @param timeoutMs a batch not done by then fails and the loop moves on; its messages are not
   *     deleted by it any more (they are redelivered and found stored)
   */
  public BatchProcessor(SqsQueue queue, DayTotalsWriter totals, ReleaseStore store,
      DayVersionBumper versions, PoisonHandler poison, BatchReport report,
      ConsumerMetrics metrics, Clock clock, long timeoutMs) {
    this.queue = queue;
    this.totals = totals;
    this.store = store;
    this.versions = versions;
    this.poison = poison;
    this.report = report;
    this.metrics = metrics;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
  }

  public Future<Void> process(List<Message> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    long started = System.nanoTime();
    Instant now = clock.instant();
    metrics.received(messages.size());
    Deliveries.Sorted sorted = Deliveries.sort(messages);
    long deadline = started + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    Set<String> poisoned = sorted.poison().stream().map(p -> p.message().messageId())
        .collect(Collectors.toSet());
    return poison.handle(sorted.poison())
        .compose(v -> storeAndAcknowledge(sorted.releases(), poisoned, now, deadline))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onSuccess(v -> metrics.batchTook(System.nanoTime() - started))
        .onFailure(e -> metrics.batchFailed());
  }

  private Future<Void> storeAndAcknowledge(List<ReceivedRelease> releases, Set<String> poisoned,
      Instant now, long deadline) {
    if (releases.isEmpty()) {
      return Future.succeededFuture();
    }
    return timed(Step.COUNT,
            () -> totals.count(releases.stream().map(ReceivedRelease::release).toList()))
        .compose(counted -> timed(Step.STORE, () -> storeCounted(releases, counted, now)))
        .onSuccess(outcome -> {
          totals.stored(outcome.stored().stream().map(ReceivedRelease::release).toList());
          report.stored(outcome, now);
        })
        .compose(outcome -> timed(Step.VERSION, () -> versions.bump(outcome.days()))
            .map(outcome))
        .compose(outcome -> timed(Step.DELETE, () -> delete(outcome, poisoned, deadline))
            .map(outcome))
        .onSuccess(report::recorded)
        .mapEmpty();
  }

  private <T> Future<T> timed(Step step, Supplier<Future<T>> work) {
    long started = System.nanoTime();
    return work.get().onSuccess(done -> metrics.stepTook(step, started));
  }

  /**
   * Stores the releases whose days were counted; the others (a day whose count failed) are left
   * for redelivery like releases whose insert failed.
   */
  private Future<StoreOutcome> storeCounted(List<ReceivedRelease> releases, Set<String> counted,
      Instant now) {
    List<ReceivedRelease> countedReleases = new ArrayList<>(releases.size());
    List<ReceivedRelease> uncounted = new ArrayList<>();
    for (ReceivedRelease release : releases) {
      (counted.contains(release.release().id()) ? countedReleases : uncounted).add(release);
    }
    return store.store(countedReleases, now).map(outcome -> outcome.alsoFailed(uncounted));
  }

  /**
   * Deletes the messages whose releases are all stored: a message carrying several releases stays
   * on the queue if one of them failed (or is invalid), and its stored ones are found stored when
   * it comes back.
   */
  private Future<Set<String>> delete(StoreOutcome outcome, Set<String> poisoned, long deadline) {
    if (System.nanoTime() - deadline > 0) {
      return Future.failedFuture(new TimeoutException("batch took over " + timeoutMs + " ms"));
    }
    Set<String> kept = new HashSet<>(poisoned);
    outcome.failed().forEach(r -> kept.add(r.message().messageId()));
    Map<String, Message> done = new LinkedHashMap<>();
    for (ReceivedRelease release : outcome.stored()) {
      if (!kept.contains(release.message().messageId())) {
        done.putIfAbsent(release.message().messageId(), release.message());
      }
    }
    List<Message> stored = List.copyOf(done.values());
    return queue.delete(stored).onSuccess(deleted -> {
      if (deleted.size() < stored.size()) {
        LOG.warn("SQS deleted {} of {} stored messages; the rest will be redelivered and "
            + "found stored", deleted.size(), stored.size());
      }
    });
  }
}
