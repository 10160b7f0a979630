package io.dailyflow.consolidated.report;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A minimal circuit breaker for the cache: after a Redis failure, requests skip Redis for a short
 * while instead of each waiting for its own timeout; the first request after that tries again.
 * Safe to share between event loops (one volatile field; a lost update only costs one extra try).
 */
public final class CacheBreaker {

  private static final long CLOSED = Long.MIN_VALUE;

  private final long openNanos;
  private final LongSupplier nanoClock;
  private volatile long openUntil = CLOSED;

  /** {@code openFor} zero disables the breaker: Redis is tried on every request. */
  public CacheBreaker(Duration openFor, LongSupplier nanoClock) {
    this.openNanos = openFor.toNanos();
    this.nanoClock = nanoClock;
  }

  public CacheBreaker(Duration openFor) {
    this(openFor, System::nanoTime);
  }

  public boolean allowsRequest() {
    long until = openUntil;
    return until == CLOSED || nanoClock.getAsLong() - until >= 0;
  }

  /** @return true if this failure opened a closed breaker (worth one log line) */
  public boolean recordFailure() {
    if (openNanos == 0) {
      return false;
    }
    boolean wasClosed = openUntil == CLOSED;
    openUntil = nanoClock.getAsLong() + openNanos;
    return wasClosed;
  }

  /** @return true if this success closed an open breaker */
  public boolean recordSuccess() {
    boolean wasOpen = openUntil != CLOSED;
    openUntil = CLOSED;
    return wasOpen;
  }
}
