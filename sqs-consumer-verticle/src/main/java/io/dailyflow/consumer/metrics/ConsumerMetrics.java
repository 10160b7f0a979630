package io.dailyflow.consumer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer's meters. Prometheus names: {@code consumer_received_total},
 * {@code consumer_stored_total}, {@code consumer_duplicates_total}, {@code consumer_poison_total},
 * {@code consumer_batch_failures_total}, {@code consumer_receive_failures_total},
 * {@code consumer_batch_duration_seconds}, {@code consumer_batch_step_duration_seconds} (tagged
 * {@code step}: count, store, version, delete),
 * {@code release_record_lag_seconds} (histogram, acceptance to storage),
 * {@code consumer_queue_depth}, {@code consumer_queue_in_flight},
 * {@code consumer_dead_letter_queue_depth} and {@code consumer_oldest_message_age_seconds}, the
 * gauges tagged with the queue name.
 */
public final class ConsumerMetrics {

  /** Gauge values per queue, held here so a gauge outlives the verticle that registered it. */
  private static final Map<String, QueueGauges> GAUGES = new ConcurrentHashMap<>();

  private final Counter received;
  private final Counter stored;
  private final Counter duplicates;
  private final Counter poison;
  private final Counter batchFailures;
  private final Counter receiveFailures;
  private final Timer batchDuration;
  private final Map<Step, Timer> stepDurations = new EnumMap<>(Step.class);
  private final Timer recordLag;
  private final QueueGauges gauges;

  public ConsumerMetrics(MeterRegistry registry, String queueName) {
    this.received = counter(registry, "consumer.received", "Messages received from the queue");
    this.stored = counter(registry, "consumer.stored", "Releases newly stored");
    this.duplicates = counter(registry, "consumer.duplicates",
        "Deliveries of releases stored earlier (duplicate key)");
    this.poison = counter(registry, "consumer.poison",
        "Receives of messages that are not valid releases");
    this.batchFailures = counter(registry, "consumer.batch.failures",
        "Batches left for redelivery because a dependency failed");
    this.receiveFailures = counter(registry, "consumer.receive.failures",
        "ReceiveMessage calls that failed (queue unreachable)");
    this.batchDuration = Timer.builder("consumer.batch.duration")
        .description("Time to store, version and delete one received batch")
        .publishPercentileHistogram()
        .register(registry);
    for (Step step : Step.values()) {
      stepDurations.put(step, Timer.builder("consumer.batch.step.duration")
          .description("Time of one step of a received batch")
          .tag("step", step.tag)
          .publishPercentileHistogram()
          .register(registry));
    }
    this.recordLag = Timer.builder("release.record.lag")
        .description("From the release's acceptance by the API to its storage")
        .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5))
        .register(registry);
    this.gauges = GAUGES.computeIfAbsent(queueName, name -> QueueGauges.register(registry, name));
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  public void received(int count) {
    received.increment(count);
  }

  public void stored(int count) {
    stored.increment(count);
  }

  public void duplicates(int count) {
    duplicates.increment(count);
  }

  public void poison() {
    poison.increment();
  }

  public void batchFailed() {
    batchFailures.increment();
  }

  public void receiveFailed() {
    receiveFailures.increment();
  }

  public void batchTook(long nanos) {
    batchDuration.record(Duration.ofNanos(nanos));
  }

  /** {@code step} of a batch took the time since {@code startNanos} ({@link System#nanoTime}). */
  public void stepTook(Step step, long startNanos) {
    stepDurations.get(step).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  public void recordLag(Duration lag) {
    recordLag.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  public void queueDepth(long visible, long inFlight) {
    gauges.depth.set(visible);
    gauges.inFlight.set(inFlight);
  }

  public void deadLetterDepth(long depth) {
    gauges.deadLetterDepth.set(depth);
  }

  public void oldestMessageAge(Duration age) {
    gauges.oldestAgeMillis.set(Math.max(0, age.toMillis()));
  }

  /** The steps of a batch, in order. */
  public enum Step {
    /** Counting the releases into their days' totals. */
    COUNT("count"),
    /** Inserting the release documents. */
    STORE("store"),
    /** Bumping the versions of the days touched (the cache's freshness). */
    VERSION("version"),
    /** Deleting the messages whose releases are all stored. */
    DELETE("delete");

    private final String tag;

    Step(String tag) {
      this.tag = tag;
    }
  }

  private record QueueGauges(AtomicLong depth, AtomicLong inFlight, AtomicLong deadLetterDepth,
      AtomicLong oldestAgeMillis) {

    static QueueGauges register(MeterRegistry registry, String queue) {
      QueueGauges g = new QueueGauges(new AtomicLong(), new AtomicLong(), new AtomicLong(),
          new AtomicLong());
      gauge(registry, "consumer.queue.depth", queue, g.depth, "Approximate visible messages");
      gauge(registry, "consumer.queue.in.flight", queue, g.inFlight,
          "Approximate messages received and not yet deleted");
      gauge(registry, "consumer.dead.letter.queue.depth", queue, g.deadLetterDepth,
          "Approximate messages in the dead-letter queue");
      Gauge.builder("consumer.oldest.message.age", g.oldestAgeMillis, v -> v.get() / 1000.0)
          .description("Age of the oldest message in the last received batch")
          .baseUnit("seconds")
          .tag("queue", queue)
          .strongReference(true)
          .register(registry);
      return g;
    }

    private static void gauge(MeterRegistry registry, String name, String queue, AtomicLong v,
        String description) {
      Gauge.builder(name, v, AtomicLong::get)
          .description(description)
          .tag("queue", queue)
          .strongReference(true)
          .register(registry);
    }
  }
}
