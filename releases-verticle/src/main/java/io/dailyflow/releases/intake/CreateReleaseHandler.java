package io.dailyflow.releases.intake;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.http.JsonBodies;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.Problem.FieldError;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.http.RequestIds;
import io.dailyflow.releases.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /releases}: validates the body and the {@code Idempotency-Key} (every problem in one
 * 400), then answers 202 with {@code Location} once the release is on the queue.
 */
public final class CreateReleaseHandler implements Handler<RoutingContext> {

  private final IntakeService intake;

  public CreateReleaseHandler(IntakeService intake) {
    this.intake = intake;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String key = ctx.request().getHeader(IdempotencyKey.HEADER);
    List<FieldError> errors = new ArrayList<>(ReleaseRequest.problems(body));
    IdempotencyKey.problemWith(key).ifPresent(errors::add);
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    intake.accept(Caller.of(ctx), ReleaseRequest.of(body), key, RequestIds.of(ctx))
        .onSuccess(release -> Replies.accepted(ctx, release))
        .onFailure(ctx::fail);
  }
}
