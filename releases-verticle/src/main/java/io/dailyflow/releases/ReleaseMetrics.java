package io.dailyflow.releases;

import io.dailyflow.common.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

/**
 * The Releases API's own meters (Prometheus names): {@code releases_accepted_total},
 * {@code releases_rejected_total{reason}}, {@code releases_published_total},
 * {@code releases_publish_failures_total}, {@code releases_publish_batches_total} and
 * {@code releases_publish_batch_size}. Vert.x adds HTTP rate and latency per route and status.
 */
public final class ReleaseMetrics {

  private static final MeterRegistry REGISTRY = Metrics.registry();

  public static final Counter ACCEPTED = Counter.builder("releases.accepted")
      .description("Releases and reversals answered 202 (on the queue)").register(REGISTRY);
  public static final Counter PUBLISHED = Counter.builder("releases.published")
      .description("Messages SQS acknowledged").register(REGISTRY);
  public static final Counter PUBLISH_FAILURES = Counter.builder("releases.publish.failures")
      .description("Messages SQS did not acknowledge (answered 503)").register(REGISTRY);
  public static final Counter BATCHES = Counter.builder("releases.publish.batches")
      .description("SendMessageBatch calls").register(REGISTRY);
  public static final DistributionSummary BATCH_SIZE = DistributionSummary
      .builder("releases.publish.batch.size")
      .description("Messages per SendMessageBatch call").register(REGISTRY);

  private ReleaseMetrics() {
  }

  /** First step of the write routes: counts the answer once the response is sent. */
  public static void track(RoutingContext ctx) {
    ctx.addEndHandler(ignored -> record(ctx.response().getStatusCode()));
    ctx.next();
  }

  static void record(int status) {
    if (status == 202) {
      ACCEPTED.increment();
    } else if (status >= 400) {
      rejected(reason(status)).increment();
    }
  }

  public static Counter rejected(String reason) {
    return Counter.builder("releases.rejected")
        .description("Write requests refused, by reason")
        .tag("reason", reason)
        .register(REGISTRY);
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "invalid";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      case 503 -> "unavailable";
      default -> status < 500 ? "client_error" : "server_error";
    };
  }
}
