package io.dailyflow.consumer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Pings MongoDB and Redis. After a failed batch the poll loop waits for both to answer before it
 * receives again: a message's receive count only grows when it is received, so an outage of a
 * dependency does not push valid messages to the dead-letter queue.
 */
public final class DependencyProbe {

  private final MongoClient mongo;
  private final Redis redis;

  public DependencyProbe(MongoClient mongo, Redis redis) {
    this.mongo = mongo;
    this.redis = redis;
  }

  public Future<Void> mongo() {
    return mongo.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }

  public Future<Void> redis() {
    return redis.send(Request.cmd(Command.PING)).mapEmpty();
  }

  public Future<Void> both() {
    return Future.all(mongo(), redis()).mapEmpty();
  }
}
