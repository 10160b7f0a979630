package io.dailyflow.releases.reversal;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.release.BusinessCalendar;
import io.dailyflow.common.release.Descriptions;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.release.ReleaseMessage;
import io.dailyflow.releases.intake.ReleaseIds;
import io.dailyflow.releases.publish.PublishClient;
import io.dailyflow.releases.query.ReleaseRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverses a recorded release of the caller's company: a new release with the opposite amount,
 * {@code reverses} = the original's id, dated the business day of the reversal. A release is
 * reversed at most once: the reversal id is derived from the original's id (racing requests are
 * one release at the consumer), a recorded reversal or a Redis marker makes the next request a
 * 409. A reversal is a release like any other, so it can itself be reversed (once), which puts
 * the original amount back.
 */
public final class ReversalService {

  private static final Logger LOG = LoggerFactory.getLogger(ReversalService.class);
  static final String PREFIX = "Reversal of ";

  private final BusinessCalendar calendar;
  private final PublishClient publisher;
  private final ReleaseRepository repository;
  private final ReversalMarkers markers;

  public ReversalService(BusinessCalendar calendar, PublishClient publisher,
      ReleaseRepository repository, ReversalMarkers markers) {
    this.calendar = calendar;
    this.publisher = publisher;
    this.repository = repository;
    this.markers = markers;
  }

  /** Completes with the reversal once SQS acknowledged it. */
  public Future<ReleaseMessage> reverse(Caller caller, String originalId, String requestId) {
    Future<String> recordedReversal = repository.reversalOf(caller.companyId(), originalId);
    return repository.findOwned(caller.companyId(), originalId)
        .compose(original -> original == null
            ? Future.failedFuture(problem(Problem.notFound("No recorded release " + originalId)))
            : recordedReversal.compose(reversal -> reversal == null
                ? Future.succeededFuture(original)
                : alreadyReversed(originalId, requestId)))
        .compose(original -> markAndPublish(caller, original, requestId));
  }

  private Future<ReleaseMessage> markAndPublish(Caller caller, JsonObject original,
      String requestId) {
    ReleaseMessage reversal = reversalOf(caller, original, requestId);
    return markers.mark(reversal.reverses(), reversal.id(), requestId)
        .compose(marked -> marked ? publish(reversal)
            : alreadyReversed(reversal.reverses(), requestId));
  }

  private Future<ReleaseMessage> publish(ReleaseMessage reversal) {
    return publisher.publish(reversal)
        .map(messageId -> {
          LOG.info("Reversal {} of release {} accepted (request {})", reversal.id(),
              reversal.reverses(), reversal.requestId());
          return reversal;
        })
        // Not on the queue (or not known to be): free the marker so the client can retry; a
        // copy that did reach the queue has the same id and is stored once.
        .recover(e -> markers.unmark(reversal.reverses(), reversal.requestId())
            .transform(ignored -> Future.failedFuture(e)));
  }

  private ReleaseMessage reversalOf(Caller caller, JsonObject original, String requestId) {
    String originalId = original.getString(ReleaseDocuments.ID);
    Instant now = calendar.now();
    long cents = ((Number) original.getValue(ReleaseDocuments.AMOUNT_CENTS)).longValue();
    return new ReleaseMessage(ReleaseIds.forReversalOf(originalId), caller.companyId(),
        caller.userId(), description(original.getString(ReleaseDocuments.DESCRIPTION)), -cents,
        calendar.dayOf(caller.companyId(), now), now, requestId, originalId);
  }

  /** "Reversal of " + the original description, cut to the contract's 255 characters. */
  static String description(String original) {
    String text = PREFIX + original;
    if (text.codePointCount(0, text.length()) > Descriptions.MAX_LENGTH) {
      text = text.substring(0, text.offsetByCodePoints(0, Descriptions.MAX_LENGTH));
    }
    return Descriptions.normalize(text);
  }

  private static <T> Future<T> alreadyReversed(String originalId, String requestId) {
    LOG.info("Release {} is already reversed (request {})", originalId, requestId);
    return Future.failedFuture(problem(Problem.conflict("Release " + originalId
        + " has already been reversed")));
  }

  private static ProblemException problem(Problem problem) {
    return new ProblemException(problem);
  }
}
