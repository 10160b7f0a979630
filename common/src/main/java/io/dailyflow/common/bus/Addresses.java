package io.dailyflow.common.bus;

/**
 * Every event-bus address of the product and the shape of what travels on it. Messages are JSON;
 * a consumer replies or fails with a {@link FailureCode}. The request id travels in the
 * {@value #REQUEST_ID_HEADER} delivery header.
 */
public final class Addresses {

  public static final String REQUEST_ID_HEADER = "requestId";

  /**
   * Releases HTTP verticle -> publisher verticle (owns the SQS client). Body: a
   * {@code ReleaseMessage} as JSON. Reply: {@code {"messageId"}} once SQS acknowledged;
   * {@link FailureCode#UNAVAILABLE} when the queue did not answer in time.
   */
  public static final String RELEASES_PUBLISH = "dailyflow.releases.publish";

  /**
   * Consumer -> anyone in the same process (tests, metrics): published after a batch is stored.
   * Body: {@code {"ids": [...], "days": [{"companyId","date"}]}}.
   */
  public static final String RELEASES_RECORDED = "dailyflow.releases.recorded";

  /**
   * Consolidated HTTP verticle -> consolidation verticle. Body:
   * {@code {"companyId","date"}}. Reply: {@code {"date","currency","credits","debits","balance",
   * "count"}} as the contract prints it.
   */
  public static final String CONSOLIDATED_DAILY = "dailyflow.consolidated.daily";

  /**
   * Consolidated HTTP verticle -> consolidation verticle. Body: {@code {"companyId","from","to"}}.
   * Reply: the contract's range report.
   */
  public static final String CONSOLIDATED_RANGE = "dailyflow.consolidated.range";

  private Addresses() {
  }
}
