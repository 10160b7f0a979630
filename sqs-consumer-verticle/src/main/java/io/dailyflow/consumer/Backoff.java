package io.dailyflow.consumer;

/** Exponential back-off between polls after failures: initial, doubled per failure, capped. */
final class Backoff {

  private final long initialMs;
  private final long maxMs;
  private long nextMs;

  Backoff(long initialMs, long maxMs) {
    this.initialMs = initialMs;
    this.maxMs = Math.max(initialMs, maxMs);
    this.nextMs = initialMs;
  }

  /** The pause before the next attempt; each call doubles the one after. */
  long next() {
    long delay = nextMs;
    nextMs = Math.min(maxMs, nextMs * 2);
    return delay;
  }

  void reset() {
    nextMs = initialMs;
  }
}
