package io.dailyflow.common.clients;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/** Builds the MongoDB client from {@code mongo.*} keys; one shared pool per process. */
public final class MongoClients {

  private MongoClients() {
  }

  public static MongoClient create(Vertx vertx, Config config) {
    int timeoutMs = config.positiveInt(CommonKeys.MONGO_TIMEOUT_MS);
    JsonObject options = new JsonObject()
        .put("connection_string", config.string(CommonKeys.MONGO_URI))
        .put("db_name", config.string(CommonKeys.MONGO_DATABASE))
        .put("maxPoolSize", config.positiveInt(CommonKeys.MONGO_MAX_POOL))
        .put("serverSelectionTimeoutMS", timeoutMs)
        .put("connectTimeoutMS", timeoutMs)
        .put("socketTimeoutMS", timeoutMs * 3)
        .put("maxWaitQueueTimeoutMS", timeoutMs);
    return MongoClient.createShared(vertx, options, "dailyflow-mongo");
  }
}
