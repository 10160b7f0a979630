package io.dailyflow.consolidated.report;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Lets concurrent callers share one call per key ("single flight"): a caller may join a call for
 * the same key that started at most {@code window} before it looked. By default a call is shared
 * only while in flight (it leaves the table when it completes), so a caller that starts after an
 * earlier call completed always makes its own; {@link #reusing} also shares a completed call whose
 * result it may reuse for the rest of its window. Either way a caller's result comes from a call
 * that started at most {@code window} before the caller arrived. Joiners complete on their own
 * (per-request) context, so what they do next runs, and logs, as part of their own request.
 * Thread-safe: one instance may serve several event loops.
 */
final class SingleFlight<K, V> {

  private record Flight<V>(Future<V> result, long startedNanos) {
  }

  /** Table size below which expired calls are never swept (see {@link #sweepIfLarge}). */
  private static final int MIN_SWEEP_SIZE = 64;

  private final long windowNanos;
  private final Predicate<V> reusable;
  private final LongSupplier nanoClock;
  private final Map<K, Flight<V>> flights = new ConcurrentHashMap<>();
  private volatile int sweepAt = MIN_SWEEP_SIZE;

  /** Shares calls in flight only; {@code window} zero: nothing is ever joined. */
  SingleFlight(Duration window) {
    this(window, result -> false, System::nanoTime);
  }

  /** {@code nanoClock}: {@link System#nanoTime} but in tests. */
  SingleFlight(Duration window, Predicate<V> reusable, LongSupplier nanoClock) {
    this.windowNanos = window.toNanos();
    this.reusable = reusable;
    this.nanoClock = nanoClock;
  }

  /**
   * Shares a call in flight, and a call that succeeded with a {@code reusable} result, until
   * {@code window} after it started; other calls leave the table when they complete.
   */
  static <K, V> SingleFlight<K, V> reusing(Duration window, Predicate<V> reusable) {
    return new SingleFlight<>(window, reusable, System::nanoTime);
  }

  /** The call for {@code key} that started within the window, or {@code null}. */
  Future<V> join(K key) {
    if (windowNanos <= 0) {
      return null;
    }
    Flight<V> flight = flights.get(key);
    if (flight == null) {
      return null;
    }
    if (expired(flight, nanoClock.getAsLong())) {
      flights.remove(key, flight);
      return null;
    }
    return onCallerContext(flight.result());
  }

  /** Registers {@code call} as the call for {@code key}, replacing any older one. */
  Future<V> start(K key, Future<V> call) {
    if (windowNanos > 0) {
      Flight<V> flight = new Flight<>(call, nanoClock.getAsLong());
      flights.put(key, flight);
      sweepIfLarge();
      call.onComplete(result -> {
        if (result.failed() || !reusable.test(result.result())) {
          flights.remove(key, flight);
        }
      });
    }
    return call;
  }

  /** Calls in the table (for tests). */
  int size() {
    return flights.size();
  }

  private boolean expired(Flight<V> flight, long now) {
    return now - flight.startedNanos() > windowNanos;
  }

  /**
   * Calls stay in the table until their key is looked up again; this bounds what keys never
   * looked up again leave behind: a sweep of the calls past their window runs when the table has
   * doubled since the last one, so the table stays within about twice the calls still in their
   * window, and a sweep's cost per call stays constant however many keys there are.
   */
  private void sweepIfLarge() {
    if (flights.size() < sweepAt) {
      return;
    }
    long now = nanoClock.getAsLong();
    flights.values().removeIf(flight -> expired(flight, now));
    sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * flights.size());
  }

  private static <T> Future<T> onCallerContext(Future<T> shared) {
    Context caller = Vertx.currentContext();
    if (!(caller instanceof ContextInternal context)) {
      return shared;
    }
    if (shared.isComplete()) {
      // Already there: the caller goes on in its own context, without a promise to relay it.
      return shared.succeeded() ? context.succeededFuture(shared.result())
          : context.failedFuture(shared.cause());
    }
    Promise<T> promise = context.promise();
    shared.onComplete(promise);
    return promise.future();
  }
}
