package io.dailyflow.consumer;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration of the SQS consumer, with defaults. The visibility timeout (60 s) is three times
 * the longest a batch may take ({@code consumer.batch-timeout-ms}, 20 s): a batch is one bulk
 * write, one Redis pipeline and one delete call, each bounded by its client's timeout, so a
 * message is never visible to another consumer while this one may still delete it.
 */
public final class ConsumerKeys {

  /** Poll loops (verticle instances) of this process, all sharing the one queue. */
  public static final ConfigKey INSTANCES = ConfigKey.of("consumer.instances", 2);
  /**
   * Batches a poll loop processes at once: the next receive waits on the queue while up to this
   * many received batches are being counted, stored and deleted.
   */
  public static final ConfigKey BATCHES_IN_FLIGHT = ConfigKey.of("consumer.batches-in-flight", 4);
  /** Period of the prune that removes stored releases from their days' pending lists. */
  public static final ConfigKey TOTALS_PRUNE_MS = ConfigKey.of("consumer.totals-prune-ms", 1_000);
  /** Messages per ReceiveMessage, 1-10 (SQS's maximum is 10). */
  public static final ConfigKey MAX_MESSAGES = ConfigKey.of("consumer.max-messages", 10);
  /** Long-poll wait, 0-20 s. */
  public static final ConfigKey WAIT_SECONDS = ConfigKey.of("consumer.wait-seconds", 20);
  public static final ConfigKey VISIBILITY_TIMEOUT_SECONDS =
      ConfigKey.of("consumer.visibility-timeout-seconds", 60);
  /**
   * How long a poison message stays hidden before its next receive; differs from the visibility
   * timeout only if set so. It reaches the dead-letter queue after {@code sqs.max-receives}.
   */
  public static final ConfigKey POISON_VISIBILITY_SECONDS =
      ConfigKey.of("consumer.poison-visibility-seconds", 60);
  /** A batch not stored, versioned and deleted in this time is abandoned for redelivery. */
  public static final ConfigKey BATCH_TIMEOUT_MS = ConfigKey.of("consumer.batch-timeout-ms", 20_000);
  /** First pause after a failure; doubles per failure up to the maximum. */
  public static final ConfigKey BACKOFF_INITIAL_MS =
      ConfigKey.of("consumer.backoff-initial-ms", 500);
  public static final ConfigKey BACKOFF_MAX_MS = ConfigKey.of("consumer.backoff-max-ms", 15_000);
  /** On undeploy (SIGTERM), how long to wait for the batch in flight. */
  public static final ConfigKey STOP_TIMEOUT_MS = ConfigKey.of("consumer.stop-timeout-ms", 20_000);
  /** Period of the queue-depth gauge refresh (GetQueueAttributes). */
  public static final ConfigKey QUEUE_DEPTH_INTERVAL_MS =
      ConfigKey.of("consumer.queue-depth-interval-ms", 10_000);
  /** A small HTTP server with /health/live, /health/ready and /metrics. */
  public static final ConfigKey HTTP_ENABLED = ConfigKey.of("consumer.http.enabled", true);
  public static final ConfigKey HTTP_PORT = ConfigKey.of("consumer.http.port", 8084);

  public static final List<ConfigKey> ALL = all();

  private ConsumerKeys() {
  }

  private static List<ConfigKey> all() {
    List<ConfigKey> keys = new ArrayList<>(CommonKeys.ALL);
    keys.addAll(List.of(INSTANCES, BATCHES_IN_FLIGHT, TOTALS_PRUNE_MS, MAX_MESSAGES, WAIT_SECONDS, VISIBILITY_TIMEOUT_SECONDS,
        POISON_VISIBILITY_SECONDS, BATCH_TIMEOUT_MS, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS,
        STOP_TIMEOUT_MS, QUEUE_DEPTH_INTERVAL_MS, HTTP_ENABLED, HTTP_PORT));
    return List.copyOf(keys);
  }
}
