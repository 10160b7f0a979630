package io.dailyflow.common.release;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The running totals of one (company, business day), MongoDB collection {@value #COLLECTION}:
 * written by the consumer as it records releases, read by the Consolidated API. A day's totals
 * are spread over {@value #SHARDS} documents, its shards; a release is counted in the shard its
 * id picks ({@link #shardOf}), and a report reads the day's shards by key and adds them up, a
 * fixed cost whatever the number of releases of the day.
 *
 * <pre>
 * {_id: "&lt;companyId&gt;/&lt;YYYY-MM-DD&gt;/&lt;shard&gt;", companyId, date, shard,
 *  credits (long cents), debits (long cents, as a positive magnitude), count (long),
 *  epoch (long), pending: [releaseId]}
 * </pre>
 *
 * <p>MongoDB updates one document atomically, and the release and its day's totals are two
 * documents, so exactness under redelivery rests on an invariant and an order. <b>Invariant: a
 * release document exists only if its amount is in its day's totals.</b> The consumer therefore
 * counts first and inserts the release after. A release is counted by one conditional update of
 * its shard that adds its amount and appends its id to {@code pending} unless the id is already
 * there, so a retry after a crash between counting and inserting finds its id pending and does
 * not count it again. Once the release document exists, its id may leave {@code pending}
 * ("pruning"): from then on the document itself says "counted". A consumer decides that a release
 * is new by not finding its document; pruning between that check and its count would let it
 * count an already counted release, so every prune increments the shard's {@code epoch} and every
 * count requires the epoch read before the check: a count that raced a prune matches nothing and
 * is retried from the check. See the consumer's {@code DayTotalsWriter} and ADR 0006.
 *
 * <p>Why shards: checking "none of these ids is pending" costs the length of the pending list
 * times the ids checked, and every count of a busy day would rewrite the same document. Sixteen
 * shards make each check a sixteenth as long and let counts of one day touch different documents.
 * The shard of an id must never change (a redelivery must meet the pending list its first
 * delivery wrote), so {@value #SHARDS} is part of the stored format, not a setting.
 */
public final class DayTotalsDocuments {

  public static final String COLLECTION = "day_totals";
  public static final String ID = "_id";
  public static final String COMPANY = "companyId";
  public static final String DATE = "date";
  public static final String CREDITS = "credits";
  public static final String DEBITS = "debits";
  public static final String COUNT = "count";
  public static final String SHARD = "shard";
  public static final String EPOCH = "epoch";
  public static final String PENDING = "pending";

  /** What a report reads: the totals, never the pending ids. */
  public static final JsonObject TOTALS_FIELDS = new JsonObject()
      .put(DATE, 1).put(CREDITS, 1).put(DEBITS, 1).put(COUNT, 1);

  /** Documents per day; part of the stored format (see above). */
  public static final int SHARDS = 16;

  private DayTotalsDocuments() {
  }

  /** The shard a release is counted in, by its id: the same for every delivery of it. */
  public static int shardOf(String releaseId) {
    return Math.floorMod(releaseId.hashCode(), SHARDS); // String.hashCode is specified: stable
  }

  /** The key of one shard of a day's totals; the date's fixed format keeps it unambiguous. */
  public static String id(String companyId, LocalDate date, int shard) {
    return companyId + '/' + date + '/' + shard;
  }

  /**
   * The key of the day's single totals document of the versions before shards: read, never
   * written (its totals still count, and its pending ids stay counted).
   */
  public static String legacyId(String companyId, LocalDate date) {
    return companyId + '/' + date;
  }

  /**
   * Every key the day's totals may be stored under: its shards, and the single document of the
   * versions before shards ({@link #legacyId}).
   */
  public static List<String> dayIds(String companyId, LocalDate date) {
    List<String> ids = new ArrayList<>(SHARDS + 1);
    ids.add(legacyId(companyId, date));
    for (int shard = 0; shard < SHARDS; shard++) {
      ids.add(id(companyId, date, shard));
    }
    return ids;
  }

  /** The filter of every document of the day's totals (see {@link #dayIds}). */
  public static JsonObject dayFilter(String companyId, LocalDate date) {
    return new JsonObject().put(ID, new JsonObject().put("$in",
        new JsonArray(dayIds(companyId, date))));
  }

  /** The filter of one shard's document. */
  public static JsonObject byId(String companyId, LocalDate date, int shard) {
    return new JsonObject().put(ID, id(companyId, date, shard));
  }

  /** Creates the shard's document with zero totals if it does not exist; else changes nothing. */
  public static JsonObject createIfAbsent(String companyId, LocalDate date, int shard) {
    return new JsonObject().put("$setOnInsert", onInsert(companyId, date, shard)
        .mergeIn(DaySums.ZERO.increments()));
  }

  /** A new document's fields other than the sums. */
  private static JsonObject onInsert(String companyId, LocalDate date, int shard) {
    return new JsonObject()
        .put(COMPANY, companyId)
        .put(DATE, date.toString())
        .put(SHARD, shard)
        .put(EPOCH, 0L)
        .put(PENDING, new JsonArray());
  }

  /**
   * Matches the shard's document only if nothing was pruned from it since {@code epoch} was read
   * and none of {@code releaseIds} is pending (counted already).
   */
  public static JsonObject countFilter(String companyId, LocalDate date, int shard, long epoch,
      Collection<String> releaseIds) {
    return byId(companyId, date, shard)
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
   * Adds {@code sums} to a shard of the day, creating it if absent, with no pending ids: for loads
   * that write releases they alone create, once (fixtures, benchmark seeding), never for the
   * queue's at-least-once deliveries. Upsert it by {@link #byId} of the same shard, then insert
   * the releases. A day's totals are the sum of its shards: any shard will do.
   */
  public static JsonObject addUpdate(String companyId, LocalDate date, int shard, DaySums sums) {
    return new JsonObject()
        .put("$setOnInsert", onInsert(companyId, date, shard))
        .put("$inc", sums.increments());
  }

  /**
   * Matches the shard's document only if one of {@code releaseIds} is still pending: a prune that
   * would remove nothing (another process pruned them) must not start a new epoch, which would
   * only send every count in flight for the shard round again.
   */
  public static JsonObject pruneFilter(String shardId, Collection<String> releaseIds) {
    return new JsonObject()
        .put(ID, shardId)
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

    /** Sums of a totals document's fields (missing ones are zero). */
    public static DaySums of(JsonObject doc) {
      return new DaySums(doc.getLong(CREDITS, 0L), doc.getLong(DEBITS, 0L),
          doc.getLong(COUNT, 0L));
    }

    public DaySums plus(DaySums other) {
      return new DaySums(Math.addExact(credits, other.credits),
          Math.addExact(debits, other.debits), Math.addExact(count, other.count));
    }

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
