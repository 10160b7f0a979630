package io.dailyflow.releases.reversal;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.http.RequestIds;
import io.dailyflow.releases.Replies;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /releases/{id}/reversal}: no body needed; 202 with the reversal and its
 * {@code Location}, 404 unless the original is a recorded release of the caller's company, 409 if
 * it is already reversed.
 */
public final class ReversalHandler implements Handler<RoutingContext> {

  private static final int MAX_ID_LENGTH = 128;

  private final ReversalService reversals;

  public ReversalHandler(ReversalService reversals) {
    this.reversals = reversals;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id.length() > MAX_ID_LENGTH) {
      throw new ProblemException(Problem.notFound("No recorded release " + id));
    }
    reversals.reverse(Caller.of(ctx), id, RequestIds.of(ctx))
        .onSuccess(reversal -> Replies.accepted(ctx, reversal))
        .onFailure(ctx::fail);
  }
}
