package io.dailyflow.releases.query;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.releases.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /releases/{id}}: the caller's company's recorded release, with {@code reversedBy}
 * when a recorded release reverses it. Not yet recorded, unknown, or another company's: 404.
 */
public final class GetReleaseHandler implements Handler<RoutingContext> {

  /** Longer path ids cannot be release ids; answered without a query. */
  static final int MAX_ID_LENGTH = 128;

  private final ReleaseRepository repository;

  public GetReleaseHandler(ReleaseRepository repository) {
    this.repository = repository;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String companyId = Caller.of(ctx).companyId();
    if (id.length() > MAX_ID_LENGTH) {
      throw notFound(id);
    }
    Future<String> reversedBy = repository.reversalOf(companyId, id);
    repository.findOwned(companyId, id)
        .compose(doc -> doc == null ? Future.failedFuture(notFound(id))
            : reversedBy.map(reversal -> ReleaseDocuments.toView(doc, reversal)))
        .onSuccess(view -> Replies.ok(ctx, view))
        .onFailure(ctx::fail);
  }

  static ProblemException notFound(String id) {
    return new ProblemException(Problem.notFound("No recorded release " + id
        + " (it may not be recorded yet)"));
  }
}
