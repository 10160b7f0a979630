package io.dailyflow.releases.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.testing.SharedInfra;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ReleaseIndexesTest {

  @Test
  void indexesAreCreatedWithDefaultNamesAndCreatingThemAgainIsHarmless(Vertx vertx,
      VertxTestContext ctx) {
    MongoClient mongo = MongoClients.create(vertx, SharedInfra.slice().config());
    // As the consumer creates it, before this service starts.
    mongo.createIndex(ReleaseDocuments.COLLECTION, ReleaseDocuments.DAY_INDEX)
        .compose(v -> new ReleaseIndexes(vertx, mongo).ensure())
        .compose(v -> new ReleaseIndexes(vertx, mongo).ensure())
        .compose(v -> mongo.listIndexes(ReleaseDocuments.COLLECTION))
        .onComplete(ctx.succeeding(indexes -> ctx.verify(() -> {
          assertThat(indexes.stream().map(i -> ((JsonObject) i).getJsonObject("key")))
              .contains(ReleaseDocuments.DAY_INDEX, ReleaseIndexes.REVERSES_INDEX);
          ctx.completeNow();
        })));
  }
}
