package io.dailyflow.consumer;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigException;
import io.dailyflow.common.config.ConfigKey;
import java.time.Duration;

/**
 * The consumer's configuration, read and checked once at start.
 *
 * @param maxReceives the queue's RedrivePolicy: receives before a message is dead-lettered
 */
public record ConsumerSettings(int instances, int batchesInFlight, long totalsPruneMs,
    int maxMessages, int waitSeconds,
    int visibilitySeconds, int poisonVisibilitySeconds, long batchTimeoutMs,
    long backoffInitialMs, long backoffMaxMs, long stopTimeoutMs, long queueDepthIntervalMs,
    int maxReceives) {

  public static ConsumerSettings from(Config config) {
    ConsumerSettings settings = new ConsumerSettings(
        config.positiveInt(ConsumerKeys.INSTANCES),
        config.positiveInt(ConsumerKeys.BATCHES_IN_FLIGHT),
        config.positiveInt(ConsumerKeys.TOTALS_PRUNE_MS),
        inRange(config, ConsumerKeys.MAX_MESSAGES, 1, 10),
        inRange(config, ConsumerKeys.WAIT_SECONDS, 0, 20),
        inRange(config, ConsumerKeys.VISIBILITY_TIMEOUT_SECONDS, 1, 43_200),
        inRange(config, ConsumerKeys.POISON_VISIBILITY_SECONDS, 0, 43_200),
        config.positiveInt(ConsumerKeys.BATCH_TIMEOUT_MS),
        config.positiveInt(ConsumerKeys.BACKOFF_INITIAL_MS),
        config.positiveInt(ConsumerKeys.BACKOFF_MAX_MS),
        config.positiveInt(ConsumerKeys.STOP_TIMEOUT_MS),
        config.positiveInt(ConsumerKeys.QUEUE_DEPTH_INTERVAL_MS),
        config.positiveInt(CommonKeys.SQS_MAX_RECEIVES));
    if (settings.batchTimeoutMs >= settings.visibilitySeconds * 1_000L) {
      throw new ConfigException("Invalid configuration key '" + ConsumerKeys.BATCH_TIMEOUT_MS.name()
          + "': must be below " + ConsumerKeys.VISIBILITY_TIMEOUT_SECONDS.name()
          + " (a batch must finish before its messages become visible again)");
    }
    return settings;
  }

  /** The SQS call timeout: a long poll plus room for the answer. */
  public Duration sqsCallTimeout() {
    return Duration.ofSeconds(waitSeconds + 10L);
  }

  private static int inRange(Config config, ConfigKey key, int min, int max) {
    int value = config.integer(key);
    if (value < min || value > max) {
      throw new ConfigException("Invalid configuration key '" + key.name() + "': got " + value
          + ", expected " + min + "-" + max + " (environment variable " + key.envName() + ")");
    }
    return value;
  }
}
