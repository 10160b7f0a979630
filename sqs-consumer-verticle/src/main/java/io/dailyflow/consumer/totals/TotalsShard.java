package io.dailyflow.consumer.totals;

import io.dailyflow.common.release.DayTotalsDocuments;
import io.dailyflow.common.release.ReleaseMessage;
import java.time.LocalDate;

/** One shard of a company's day totals: the document a release is counted in. */
record TotalsShard(String companyId, LocalDate date, int shard) {

  static TotalsShard of(ReleaseMessage release) {
    return new TotalsShard(release.companyId(), release.businessDate(),
        DayTotalsDocuments.shardOf(release.id()));
  }

  /** The document's key. */
  String id() {
    return DayTotalsDocuments.id(companyId, date, shard);
  }

  /** The key of the day's single document of the versions before shards. */
  String legacyId() {
    return DayTotalsDocuments.legacyId(companyId, date);
  }
}
