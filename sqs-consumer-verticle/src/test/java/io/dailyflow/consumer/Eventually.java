package io.dailyflow.consumer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Waits for an asynchronous condition by polling it every 100 ms; fails, naming the condition,
 * if it does not hold within 40 s. (It bounds a wait; it does not assert a duration.)
 */
final class Eventually {

  private static final int MAX_ATTEMPTS = 400;

  private Eventually() {
  }

  static Future<Void> until(Vertx vertx, String condition, Supplier<Future<Boolean>> check) {
    Promise<Void> done = Promise.promise();
    attempt(vertx, condition, check, 0, done);
    return done.future();
  }

  private static void attempt(Vertx vertx, String condition, Supplier<Future<Boolean>> check,
      int attempt, Promise<Void> done) {
    check.get().otherwise(false).onSuccess(holds -> {
      if (holds) {
        done.complete();
      } else if (attempt >= MAX_ATTEMPTS) {
        done.fail(new AssertionError("Never became true: " + condition));
      } else {
        vertx.setTimer(100, id -> attempt(vertx, condition, check, attempt + 1, done));
      }
    });
  }
}
