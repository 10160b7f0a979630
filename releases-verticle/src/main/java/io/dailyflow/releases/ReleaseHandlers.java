package io.dailyflow.releases;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.release.BusinessCalendar;
import io.dailyflow.releases.intake.CreateReleaseHandler;
import io.dailyflow.releases.intake.IdempotencyStore;
import io.dailyflow.releases.intake.IntakeService;
import io.dailyflow.releases.publish.PublishClient;
import io.dailyflow.releases.query.GetReleaseHandler;
import io.dailyflow.releases.query.ListReleasesHandler;
import io.dailyflow.releases.query.ReleaseRepository;
import io.dailyflow.releases.reversal.ReversalHandler;
import io.dailyflow.releases.reversal.ReversalMarkers;
import io.dailyflow.releases.reversal.ReversalService;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

/** The route handlers of the Releases API, wired to their services and clients. */
public record ReleaseHandlers(CreateReleaseHandler createRelease,
    ReversalHandler reverseRelease, GetReleaseHandler getRelease,
    ListReleasesHandler listReleases) {

  public static ReleaseHandlers wire(Vertx vertx, Config config, MongoClient mongo,
      Redis redis) {
    BusinessCalendar calendar = BusinessCalendar.from(config);
    RedisAPI redisApi = RedisAPI.api(redis);
    long redisTimeoutMs = Math.max(config.positiveInt(CommonKeys.REDIS_TIMEOUT_MS),
        config.positiveInt(ReleasesKeys.REDIS_CHECK_TIMEOUT_MS));
    int ttlSeconds = config.positiveInt(ReleasesKeys.IDEMPOTENCY_TTL_SECONDS);
    PublishClient publisher = new PublishClient(vertx,
        config.positiveInt(ReleasesKeys.PUBLISH_TIMEOUT_MS));
    ReleaseRepository repository = new ReleaseRepository(mongo,
        config.positiveInt(CommonKeys.MONGO_TIMEOUT_MS));

    IntakeService intake = new IntakeService(calendar, publisher,
        new IdempotencyStore(redisApi, ttlSeconds, redisTimeoutMs));
    ReversalService reversals = new ReversalService(calendar, publisher, repository,
        new ReversalMarkers(redisApi, config.positiveInt(ReleasesKeys.REVERSAL_MARKER_TTL_SECONDS),
            redisTimeoutMs));
    return new ReleaseHandlers(new CreateReleaseHandler(intake), new ReversalHandler(reversals),
        new GetReleaseHandler(repository), new ListReleasesHandler(repository, calendar));
  }
}
