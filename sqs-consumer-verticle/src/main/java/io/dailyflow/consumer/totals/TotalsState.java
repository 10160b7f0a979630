package io.dailyflow.consumer.totals;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the poll loops of one process share about the day totals, by shard document key: the last
 * epoch each shard was seen at (a hint: a stale one only costs a retry), and the ids of releases
 * that are stored and may leave their shard's pending list at the next prune. Thread-safe: the
 * loops run on their own event loops.
 */
public final class TotalsState {

  /**
   * Most shards whose epoch is remembered; past it the hints are dropped (one read each brings
   * back those still in use), so a long-running consumer does not keep every day it ever saw.
   * About 100 bytes each; 16 shards a day: some 3,000 company-days in use at once fit.
   */
  static final int MAX_EPOCHS = 50_000;

  private final Map<String, Long> epochs = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> settled = new ConcurrentHashMap<>();

  /** The last epoch seen for the shard's document, or {@code null}. */
  Long epoch(String shardId) {
    return epochs.get(shardId);
  }

  void sawEpoch(String shardId, long epoch) {
    if (epochs.size() >= MAX_EPOCHS && !epochs.containsKey(shardId)) {
      epochs.clear();
    }
    epochs.merge(shardId, epoch, Math::max);
  }

  /** These releases' documents exist: their ids may leave the shard's pending list. */
  public void settled(String shardId, Collection<String> releaseIds) {
    if (!releaseIds.isEmpty()) {
      settled.compute(shardId, (shard, ids) -> {
        Set<String> all = ids != null ? ids : new HashSet<>();
        all.addAll(releaseIds);
        return all;
      });
    }
  }

  /** Takes every settled id, by shard; what a failed prune gives back is put back. */
  Map<String, Set<String>> takeSettled() {
    Map<String, Set<String>> taken = new HashMap<>();
    for (String shard : List.copyOf(settled.keySet())) {
      Set<String> ids = settled.remove(shard);
      if (ids != null) {
        taken.put(shard, ids);
      }
    }
    return taken;
  }
}
