package io.dailyflow.consumer.batch;

import io.dailyflow.common.release.DayVersions;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Collection;
import java.util.List;

/**
 * Gives each (company, day) a batch stored into a fresh version, in one pipelined batch of
 * {@code SET key <token> EX <ttl>} (see {@link DayVersions}). The token is random and never
 * repeats, so no cached report computed before this store can carry it, even after a Redis restart
 * or an expired key. It runs after the store and before the delete, so a failure here leaves the
 * messages for redelivery and the bump is retried. The TTL ({@link DayVersions#VERSION_TTL}) only
 * bounds memory: a day whose version expired gets a fresh one from its next reader.
 */
public final class DayVersionBumper {

  private static final long TTL_SECONDS = DayVersions.VERSION_TTL.toSeconds();

  private final Redis redis;

  public DayVersionBumper(Redis redis) {
    this.redis = redis;
  }

  public Future<Void> bump(Collection<CompanyDay> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Request> sets = days.stream()
        .map(day -> Request.cmd(Command.SET)
            .arg(day.versionKey())
            .arg(DayVersions.newVersion())
            .arg("EX").arg(TTL_SECONDS))
        .toList();
    return redis.batch(sets).mapEmpty();
  }
}
