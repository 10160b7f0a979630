package io.dailyflow.common.release;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Collection;

/**
 * The running totals of one (company, business day), MongoDB collection {@value #COLLECTION}:
 * written by the consumer as it records releases, read by the Consolidated API. A report is one
 * document read by its key, whatever the number of releases of the day.
 *
 * <pre>
 * {_id: "&lt;companyId&gt;/&lt;YYYY-MM-DD&gt;", companyId, date, credits (long cents),
 *  debits (long cents, as a positive magnitude), count (long), epoch (long), pending: [releaseId]}
 * </pre>
 *
 * <p>MongoDB updates one document atomically, and the release and its day's totals are two
 * documents, so exactness under redelivery rests on an invariant and an order. <b>Invariant: a
 * release document exists only if its amount is in its day's totals.</b> The consumer therefore
 * counts first and inserts the release after. A release is counted by one conditional update
 * that adds its amount and appends its id to {@code pending} unless the id is already there, so a
 * retry after a crash between counting and inserting finds its id pending and does not count it
 * again. Once the release document exists, its id may leave {@code pending} ("pruning"): from then
 * on the document itself says "counted". A consumer decides that a release is new by not finding
 * its document; pruning between that check and its count would let it count an already counted
 * release, so every prune increments {@code epoch} and every count requires the epoch read before
 * the check: a count that raced a prune matches nothing and is retried from the check. See the
 * consumer's {@code DayTotalsWriter} and ADR 0006.
 */
public final class DayTotalsDocuments {

  public static final String COLLECTION = "day_totals";
  public static final String ID = "_id";
  public static final String COMPANY = "companyId";
  public static final String DATE = "date";
  public static final String CREDITS = "credits";
  public static final String DEBITS = "debits";
  public static final String COUNT = "count";
  public static final String EPOCH = "epoch";
  public static final String PENDING = "pending";

  /** What a report reads: the totals, never the pending ids. */
  public static final JsonObject TOTALS_FIELDS = new JsonObject()
      .put(DATE, 1).put(CREDITS, 1).put(DEBITS, 1).put(COUNT, 1);

  private DayTotalsDocuments() {
  }

  /** The key of a day's totals; the date's fixed format keeps it unambiguous. */
  public static String id(String companyId, LocalDate date) {
    return companyId + '/' + date;
  }

  /** The filter of the day's document. */
  public static JsonObject byId(String companyId, LocalDate date) {
    return new JsonObject().put(ID, id(companyId, date));
  }

  /** Creates the day's document with zero totals if it does not exist; else changes nothing. */
  public static JsonObject createIfAbsent(String companyId, LocalDate date) {
    return new JsonObject().put("$setOnInsert", onInsert(companyId, date)
        .mergeIn(DaySums.ZERO.increments()));
  }

  /** A new document's fields other than the sums. */
  private static JsonObject onInsert(String companyId, LocalDate date) {
    return new JsonObject()
        .put(COMPANY, companyId)
        .put(DATE, date.toString())
        .put(EPOCH, 0L)
        .put(PENDING, new JsonArray());
  }

  /**
   * Matches the day's document only if nothing was pruned since {@code epoch} was read and none
   * of {@code releaseIds} is pending (counted already).
   */
  public static JsonObject countFilter(String companyId, LocalDate date, long epoch,
      Collection<String> releaseIds) {
    return byId(companyId, date)
        .put(EPOCH, epoch)
        .put(PENDING, new JsonObject().put("$nin", new JsonArray(releaseIds.stream().toList())));
  }

  /** Adds the sums of newly counted releases and marks their ids pending. */
  public static JsonObject countUpdate(DaySums sums, Collection<String> releaseIds) {
    return new JsonObject()
        .put("$inc", sums.increments())
        .put("$push", new JsonObject().put(PENDING,
            new JsonObject().put("$each", new JsonArray(releaseIds.stream().toList()))));
  }

  /**
   * Adds {@code sums} to the day, creating its document if absent, with no pending ids: for loads
   * that write releases they alone create, once (fixtures, benchmark seeding), never for the
   * queue's at-least-once deliveries. Upsert it by {@link #id}, then insert the releases.
   */
  public static JsonObject addUpdate(String companyId, LocalDate date, DaySums sums) {
    return new JsonObject()
        .put("$setOnInsert", onInsert(companyId, date))
        .put("$inc", sums.increments());
  }

  /**
   * Matches the day's document only if one of {@code releaseIds} is still pending: a prune that
   * would remove nothing (another process pruned them) must not start a new epoch, which would
   * only send every count in flight for the day round again.
   */
  public static JsonObject pruneFilter(String dayId, Collection<String> releaseIds) {
    return new JsonObject()
        .put(ID, dayId)
        .put(PENDING, new JsonObject().put("$in", new JsonArray(releaseIds.stream().toList())));
  }

  /** Forgets pending ids whose release documents exist, and starts a new epoch. */
  public static JsonObject pruneUpdate(Collection<String> releaseIds) {
    return new JsonObject()
        .put("$pull", new JsonObject().put(PENDING,
            new JsonObject().put("$in", new JsonArray(releaseIds.stream().toList()))))
        .put("$inc", new JsonObject().put(EPOCH, 1L));
  }

  /** Exact sums of a set of releases, in cents; debits as a positive magnitude. */
  public record DaySums(long credits, long debits, long count) {

    public static final DaySums ZERO = new DaySums(0, 0, 0);

    public DaySums plus(long amountCents) {
      return amountCents > 0
          ? new DaySums(Math.addExact(credits, amountCents), debits, count + 1)
          : new DaySums(credits, Math.subtractExact(debits, amountCents), count + 1);
    }

    /** {@code {credits, debits, count}}: the operand of an {@code $inc}. */
    public JsonObject increments() {
      return new JsonObject().put(CREDITS, credits).put(DEBITS, debits).put(COUNT, count);
    }
  }
}
