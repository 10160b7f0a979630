package io.dailyflow.consumer.totals;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the poll loops of one process share about the day totals: the last epoch each day's
 * document was seen at (a hint: a stale one only costs a retry), and the ids of releases that are
 * stored and may leave their day's pending list at the next prune. Thread-safe: the loops run on
 * their own event loops.
 */
public final class TotalsState {

  /**
   * Most days whose epoch is remembered; past it the hints are dropped (one read each brings
   * back those still in use), so a long-running consumer does not keep every day it ever saw.
   */
  static final int MAX_EPOCHS = 10_000;

  private final Map<String, Long> epochs = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> settled = new ConcurrentHashMap<>();

  /** The last epoch seen for the day's document, or {@code null}. */
  Long epoch(String dayId) {
    return epochs.get(dayId);
  }

  void sawEpoch(String dayId, long epoch) {
    if (epochs.size() >= MAX_EPOCHS && !epochs.containsKey(dayId)) {
      epochs.clear();
    }
    epochs.merge(dayId, epoch, Math::max);
  }

  /** These releases' documents exist: their ids may leave the day's pending list. */
  public void settled(String dayId, Collection<String> releaseIds) {
    if (!releaseIds.isEmpty()) {
      settled.compute(dayId, (day, ids) -> {
        Set<String> all = ids != null ? ids : new HashSet<>();
        all.addAll(releaseIds);
        return all;
      });
    }
  }

  /** Takes every settled id, by day; what a failed prune gives back is put back. */
  Map<String, Set<String>> takeSettled() {
    Map<String, Set<String>> taken = new HashMap<>();
    for (String day : List.copyOf(settled.keySet())) {
      Set<String> ids = settled.remove(day);
      if (ids != null) {
        taken.put(day, ids);
      }
    }
    return taken;
  }
}
