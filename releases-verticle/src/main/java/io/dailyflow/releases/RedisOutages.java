package io.dailyflow.releases;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/**
 * Redis is an optimisation of intake (synchronous 409s), never a dependency: a call that fails or
 * does not answer within {@code redis.timeout-ms} falls back to a value that lets the request go
 * on, and the outage is logged through {@link OutageLog#REDIS}.
 */
public final class RedisOutages {

  private final long timeoutMs;

  public RedisOutages(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /** {@code call} bounded in time; on failure {@code fallback}, logged with {@code what}. */
  public <T> Future<T> guard(Future<T> call, T fallback, String what, String requestId) {
    return call
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onSuccess(ok -> OutageLog.REDIS.answered())
        .recover(e -> {
          OutageLog.REDIS.failed(e, what + " without it (request " + requestId + ")");
          return Future.succeededFuture(fallback);
        });
  }
}
