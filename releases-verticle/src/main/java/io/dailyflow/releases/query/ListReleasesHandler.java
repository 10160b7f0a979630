package io.dailyflow.releases.query;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.release.BusinessCalendar;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.releases.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /releases?date=&limit=&cursor=}: one page of the company's recorded releases of a
 * day in recording order ({@code recordedAt}, then id) and the cursor of the next page, or
 * {@code null} at the end. Fetches one release more than the limit to know whether a next page
 * exists.
 */
public final class ListReleasesHandler implements Handler<RoutingContext> {

  private final ReleaseRepository repository;
  private final BusinessCalendar calendar;

  public ListReleasesHandler(ReleaseRepository repository, BusinessCalendar calendar) {
    this.repository = repository;
    this.calendar = calendar;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String companyId = Caller.of(ctx).companyId();
    ListQuery query = ListQuery.from(ctx.queryParams(), calendar.today(companyId));
    repository.page(companyId, query.date(), query.after(), query.limit() + 1)
        .compose(docs -> toPage(companyId, docs, query.limit()))
        .onSuccess(page -> Replies.ok(ctx, page))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> toPage(String companyId, List<JsonObject> docs, int limit) {
    List<JsonObject> items = docs.size() > limit ? docs.subList(0, limit) : docs;
    String next = docs.size() > limit ? PageCursor.after(items.get(limit - 1)).encode() : null;
    List<String> ids = items.stream().map(doc -> doc.getString(ReleaseDocuments.ID)).toList();
    return repository.reversalsOf(companyId, ids).map(reversedBy -> new JsonObject()
        .put("items", new JsonArray(items.stream()
            .map(doc -> ReleaseDocuments.toView(doc, reversedBy.get(doc.getString(
                ReleaseDocuments.ID))))
            .toList()))
        .put("nextCursor", next));
  }
}
