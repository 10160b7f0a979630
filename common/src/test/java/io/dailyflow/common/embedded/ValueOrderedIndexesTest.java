package io.dailyflow.common.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's unique indexes, compared by value: a store written by the stock backend
 * (keys ordered by their serialized bytes) is migrated when opened and every key is found again;
 * new stores order by value; keys MongoDB holds equal (1 and 1.0) collide.
 */
class ValueOrderedIndexesTest {

  private static final int DOCS = 3_000;
  private static Vertx vertx;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    dir = Files.createTempDirectory("value-ordered");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aStoreWrittenByTheStockBackendIsMigratedAndFindsEveryKey() throws Exception {
    String file = dir.resolve("stock.mv.db").toString();
    List<String> ids = IntStream.range(0, DOCS).mapToObj(i -> "release-" + (i * 7919 % DOCS))
        .toList();
    H2Backend stock = new H2Backend(new MVStore.Builder().fileName(file).open());
    withServer(stock, client -> insertAll(client, ids));
    stock.close();

    DurableH2Backend migrated = new DurableH2Backend(file);
    assertThat(migrated.getMvStore().<String, Integer>openMap(ValueOrderedIndexes.ORDERED))
        .containsKey("test.releases._index__id_");
    withServer(migrated, client -> {
      for (String id : List.of(ids.get(0), ids.get(DOCS / 2), ids.get(DOCS - 1))) {
        assertThat(get(client.findOne("releases", new JsonObject().put("_id", id), null)))
            .isNotNull();
      }
      List<String> sample = ids.subList(100, 400);
      assertThat(get(client.find("releases", new JsonObject().put("_id",
          new JsonObject().put("$in", new JsonArray(List.copyOf(sample)))))))
          .hasSize(sample.size());
      assertDuplicate(client, new JsonObject().put("_id", ids.get(1234)));
      get(client.insert("releases", new JsonObject().put("_id", "release-new")));
      assertThat(get(client.count("releases", new JsonObject()))).isEqualTo(DOCS + 1L);
      return null;
    });
    migrated.close();

    // Opened again: nothing left to migrate, and every key is still found.
    DurableH2Backend reopened = new DurableH2Backend(file);
    withServer(reopened, client -> {
      assertThat(get(client.findOne("releases", new JsonObject().put("_id", "release-new"),
          null))).isNotNull();
      assertDuplicate(client, new JsonObject().put("_id", ids.get(42)));
      return null;
    });
    reopened.close();
  }

  @Test
  void keysMongoDbHoldsEqualCollideAndOthersDoNot() throws Exception {
    DurableH2Backend backend = new DurableH2Backend(dir.resolve("values.mv.db").toString());
    withServer(backend, client -> {
      get(client.insert("keys", new JsonObject().put("_id", 1)));
      assertDuplicate(client, new JsonObject().put("_id", 1.0));
      get(client.insert("keys", new JsonObject().put("_id", "1")));
      get(client.insert("keys", new JsonObject().put("_id", new JsonObject().put("a", 1))));
      assertDuplicate(client, new JsonObject().put("_id", new JsonObject().put("a", 1)));
      assertThat(get(client.count("keys", new JsonObject()))).isEqualTo(3L);
      return null;
    });
    backend.close();
  }

  private static void assertDuplicate(MongoClient client, JsonObject doc) {
    assertThatThrownBy(() -> get(client.insert(collectionOf(doc), doc)))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(MongoWriteException.class,
            e -> assertThat(e.getCode()).isEqualTo(11000));
  }

  private static String collectionOf(JsonObject doc) {
    return doc.getValue("_id") instanceof String s && s.startsWith("release") ? "releases"
        : "keys";
  }

  private static Void insertAll(MongoClient client, List<String> ids) throws Exception {
    List<Future<String>> inserts = new ArrayList<>();
    for (String id : ids) {
      inserts.add(client.insert("releases", new JsonObject().put("_id", id).put("n", 1)));
    }
    get(Future.all(inserts));
    return null;
  }

  private interface ClientWork {
    Void run(MongoClient client) throws Exception;
  }

  private static void withServer(H2Backend backend, ClientWork work) throws Exception {
    MongoServer server = new MongoServer(backend);
    MongoClient client = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", "mongodb://127.0.0.1:" + server.bind().getPort())
        .put("db_name", "test"));
    try {
      work.run(client);
    } finally {
      client.close();
      server.stopListening();
    }
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
