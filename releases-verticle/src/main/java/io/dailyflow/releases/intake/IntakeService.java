package io.dailyflow.releases.intake;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.release.BusinessCalendar;
import io.dailyflow.common.release.ReleaseMessage;
import io.dailyflow.releases.publish.PublishClient;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a valid release: gives it an id and a business date and puts it on the queue. With an
 * {@code Idempotency-Key} the id is derived from company and key, and Redis answers a different
 * body with 409 and a retry with the first date; a retry is published again, which is harmless
 * because the consumer stores each id once.
 */
public final class IntakeService {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);

  private final BusinessCalendar calendar;
  private final PublishClient publisher;
  private final IdempotencyStore idempotency;

  public IntakeService(BusinessCalendar calendar, PublishClient publisher,
      IdempotencyStore idempotency) {
    this.calendar = calendar;
    this.publisher = publisher;
    this.idempotency = idempotency;
  }

  /** Completes with the release once SQS acknowledged it. */
  public Future<ReleaseMessage> accept(Caller caller, ReleaseRequest request,
      String idempotencyKey, String requestId) {
    Instant now = calendar.now();
    LocalDate today = calendar.dayOf(caller.companyId(), now);
    if (idempotencyKey == null) {
      return publish(release(ReleaseIds.random(), caller, request, today, now, requestId));
    }
    String id = ReleaseIds.forIdempotencyKey(caller.companyId(), idempotencyKey);
    return idempotency.claim(id, request.canonicalHash(), today, now, requestId)
        .compose(claim -> {
          if (claim.outcome() == IdempotencyStore.Outcome.CONFLICT) {
            LOG.info("Idempotency-Key reused with another body for release {} (request {})", id,
                requestId);
            return Future.failedFuture(new ProblemException(Problem.conflict(
                "This Idempotency-Key was already used with a different body")));
          }
          return publish(release(id, caller, request, claim.date(), claim.acceptedAt(),
              requestId));
        });
  }

  private Future<ReleaseMessage> publish(ReleaseMessage release) {
    return publisher.publish(release)
        .map(messageId -> {
          LOG.debug("Release {} accepted as SQS message {} (request {})", release.id(), messageId,
              release.requestId());
          return release;
        });
  }

  private static ReleaseMessage release(String id, Caller caller, ReleaseRequest request,
      LocalDate date, Instant acceptedAt, String requestId) {
    return new ReleaseMessage(id, caller.companyId(), caller.userId(), request.description(),
        request.amountCents(), date, acceptedAt, requestId, null);
  }
}
