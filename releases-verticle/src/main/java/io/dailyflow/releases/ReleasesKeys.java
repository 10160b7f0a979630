package io.dailyflow.releases;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.ConfigKey;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/** The Releases API's configuration keys, with their defaults; {@link #ALL} adds the common ones. */
public final class ReleasesKeys {

  public static final ConfigKey HTTP_PORT = ConfigKey.of("releases.http.port", 8082);

  /** How long a POST waits for SQS to acknowledge its message before answering 503. */
  public static final ConfigKey PUBLISH_TIMEOUT_MS =
      ConfigKey.of("releases.publish-timeout-ms", 2_000);

  /** How long the publisher waits for more releases to fill a SendMessageBatch. */
  public static final ConfigKey PUBLISH_BATCH_WINDOW_MS =
      ConfigKey.of("releases.publish-batch-window-ms", 2);

  /**
   * With a SendMessageBatch in flight when the batch window ends, the batch waits for its answer
   * (gathering more), but at most this long after its first release.
   */
  public static final ConfigKey PUBLISH_MAX_WAIT_MS =
      ConfigKey.of("releases.publish-max-wait-ms", 20);

  /**
   * Most releases packed into one SQS message (ADR 0007); 1 sends each release on its own. A FIFO
   * queue always gets one per message (its deduplication id is the release id).
   */
  public static final ConfigKey PUBLISH_RELEASES_PER_MESSAGE =
      ConfigKey.of("releases.publish-releases-per-message", 50);

  /**
   * Gzip the body of a message that carries several releases (ADR 0007): a third of the bytes for
   * the queue to checksum, check and store. Consumers from this version on read every shape;
   * turn it off while consumers of an older version still read the queue.
   */
  public static final ConfigKey PUBLISH_GZIP = ConfigKey.of("releases.publish-gzip", true);

  /**
   * How long the publisher's start waits for the queue (first SDK call, queue creation): the
   * SDK's first call is slow while it loads; the service starts anyway if the queue is down.
   */
  public static final ConfigKey SQS_WARMUP_TIMEOUT_MS =
      ConfigKey.of("releases.sqs-warmup-timeout-ms", 10_000);

  /** Publisher verticles, each with its own SQS client; one keeps up with several thousand/s. */
  public static final ConfigKey PUBLISHER_INSTANCES =
      ConfigKey.of("releases.publisher-instances", 1);

  /** How long an Idempotency-Key is remembered in Redis (body hash and business date). */
  public static final ConfigKey IDEMPOTENCY_TTL_SECONDS =
      ConfigKey.of("releases.idempotency-ttl-seconds", 86_400);

  /**
   * How long the "reversal accepted" marker lives in Redis: it only has to cover the time until
   * the consumer records the reversal (then MongoDB answers the 409). Short, so a crash between
   * marking and publishing blocks a reversal only briefly; an expired marker is harmless because
   * the reversal id is derived from the original's.
   */
  public static final ConfigKey REVERSAL_MARKER_TTL_SECONDS =
      ConfigKey.of("releases.reversal-marker-ttl-seconds", 600);

  /**
   * How long intake waits for Redis to answer an Idempotency-Key claim or a reversal marker
   * before going on without it. Longer than {@code redis.timeout-ms} (a cache read's bound): a
   * claim that times out while Redis is merely busy loses the synchronous 409, and the 202 would
   * echo a body the consumer then drops for the first one.
   */
  public static final ConfigKey REDIS_CHECK_TIMEOUT_MS =
      ConfigKey.of("releases.redis-check-timeout-ms", 1_000);

  /** Roles allowed to post releases and reversals; any other caller (a viewer) gets 403. */
  public static final ConfigKey WRITER_ROLES =
      ConfigKey.of("releases.writer-roles", new JsonArray().add("merchant").add("admin"));

  public static final List<ConfigKey> ALL = all();

  private ReleasesKeys() {
  }

  private static List<ConfigKey> all() {
    List<ConfigKey> keys = new ArrayList<>(CommonKeys.ALL);
    keys.addAll(List.of(HTTP_PORT, PUBLISH_TIMEOUT_MS, PUBLISH_BATCH_WINDOW_MS,
        PUBLISH_MAX_WAIT_MS, PUBLISH_RELEASES_PER_MESSAGE, PUBLISH_GZIP, SQS_WARMUP_TIMEOUT_MS,
        PUBLISHER_INSTANCES, IDEMPOTENCY_TTL_SECONDS, REVERSAL_MARKER_TTL_SECONDS,
        REDIS_CHECK_TIMEOUT_MS, WRITER_ROLES));
    return List.copyOf(keys);
  }
}
