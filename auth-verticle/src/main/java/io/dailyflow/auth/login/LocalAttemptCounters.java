package io.dailyflow.auth.login;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login throttle's fallback while Redis does not answer: the same fixed windows, counted in
 * this process only. Several Auth processes then each allow the limit, so an attacker who makes
 * Redis slow gains a small constant factor, never unlimited guesses.
 */
final class LocalAttemptCounters {

  private static final int MAX_KEYS = 100_000;

  private record Window(long count, long endsAtMillis) {
  }

  private final long windowMillis;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  LocalAttemptCounters(int windowSeconds) {
    this.windowMillis = windowSeconds * 1000L;
  }

  /** Counts one attempt and returns the count in the current window. */
  long increment(String key, long nowMillis) {
    if (windows.size() > MAX_KEYS) {
      windows.values().removeIf(w -> w.endsAtMillis() <= nowMillis);
    }
    return windows.merge(key, new Window(1, nowMillis + windowMillis),
        (old, fresh) -> old.endsAtMillis() <= nowMillis ? fresh
            : new Window(old.count() + 1, old.endsAtMillis())).count();
  }

  void decrement(String key) {
    windows.computeIfPresent(key, (k, w) -> w.count() <= 1 ? null
        : new Window(w.count() - 1, w.endsAtMillis()));
  }

  void clear(String key) {
    windows.remove(key);
  }

  long remainingMillis(String key, long nowMillis) {
    Window window = windows.get(key);
    return window == null ? 0 : Math.max(0, window.endsAtMillis() - nowMillis);
  }
}
