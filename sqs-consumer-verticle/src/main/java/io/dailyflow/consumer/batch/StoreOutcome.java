package io.dailyflow.consumer.batch;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What one bulk write did to each release of a batch.
 *
 * @param inserted stored by this write
 * @param duplicates stored earlier (duplicate key): as good as stored
 * @param failed not stored; left on the queue for redelivery
 */
public record StoreOutcome(List<ReceivedRelease> inserted, List<ReceivedRelease> duplicates,
    List<ReceivedRelease> failed) {

  /** Every release that is now in the store. */
  public List<ReceivedRelease> stored() {
    return Stream.concat(inserted.stream(), duplicates.stream()).toList();
  }

  /** This outcome with {@code more} releases not stored either. */
  public StoreOutcome alsoFailed(List<ReceivedRelease> more) {
    return more.isEmpty() ? this : new StoreOutcome(inserted, duplicates,
        Stream.concat(failed.stream(), more.stream()).toList());
  }

  public Set<CompanyDay> days() {
    Set<CompanyDay> days = new LinkedHashSet<>();
    stored().forEach(r -> days.add(r.day()));
    return days;
  }
}
