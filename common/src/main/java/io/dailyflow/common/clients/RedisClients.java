package io.dailyflow.common.clients;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Builds the Redis client from {@code redis.*} keys. The pool is sized for load: the client's
 * defaults (6 connections, 24 waiting) refuse requests under a few thousand per second.
 */
public final class RedisClients {

  private RedisClients() {
  }

  public static Redis create(Vertx vertx, Config config) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(config.string(CommonKeys.REDIS_URI))
        .setMaxPoolSize(config.positiveInt(CommonKeys.REDIS_POOL_SIZE))
        .setMaxPoolWaiting(config.positiveInt(CommonKeys.REDIS_POOL_WAITING))
        .setMaxWaitingHandlers(config.positiveInt(CommonKeys.REDIS_POOL_WAITING))
        .setNetClientOptions(new NetClientOptions()
            .setConnectTimeout(config.positiveInt(CommonKeys.REDIS_TIMEOUT_MS))
            .setTcpNoDelay(true)
            .setTcpKeepAlive(true));
    return Redis.createClient(vertx, options);
  }
}
