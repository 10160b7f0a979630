package io.dailyflow.consolidated.report;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets concurrent callers share one call per key ("single flight"): a caller may join a call for
 * the same key that is still in flight and started at most {@code window} before it looked. A call
 * is shared only while in flight (it leaves the table when it completes), so a caller that starts
 * after an earlier call completed always makes its own. Joiners complete on their own (per-request)
 * context, so what they do next runs, and logs, as part of their own request. Thread-safe: one
 * instance may serve several event loops.
 */
final class SingleFlight<K, V> {

  private record Flight<V>(Future<V> result, long startedNanos) {
  }

  private final long windowNanos;
  private final Map<K, Flight<V>> inFlight = new ConcurrentHashMap<>();

  /** {@code window} zero: nothing is ever joined. */
  SingleFlight(Duration window) {
    this.windowNanos = window.toNanos();
  }

  /** The call in flight for {@code key} that started within the window, or {@code null}. */
  Future<V> join(K key) {
    if (windowNanos <= 0) {
      return null;
    }
    Flight<V> running = inFlight.get(key);
    if (running == null || System.nanoTime() - running.startedNanos() > windowNanos) {
      return null;
    }
    return onCallerContext(running.result());
  }

  /** Registers {@code call} as the call in flight for {@code key} until it completes. */
  Future<V> start(K key, Future<V> call) {
    if (windowNanos > 0) {
      Flight<V> flight = new Flight<>(call, System.nanoTime());
      inFlight.put(key, flight);
      call.onComplete(ignored -> inFlight.remove(key, flight));
    }
    return call;
  }

  private static <T> Future<T> onCallerContext(Future<T> shared) {
    Context caller = Vertx.currentContext();
    if (!(caller instanceof ContextInternal context)) {
      return shared;
    }
    Promise<T> promise = context.promise();
    shared.onComplete(promise);
    return promise.future();
  }
}
