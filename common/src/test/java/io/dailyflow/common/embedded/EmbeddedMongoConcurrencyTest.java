package io.dailyflow.common.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoBulkWriteException;
import de.bwaldvogel.mongo.MongoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.MongoClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The file-backed embedded MongoDB-protocol server under what consumers do to it: overlapping
 * bulk inserts of the same releases from many connections at once (redeliveries while the first
 * delivery is still being stored) leave one document per id and a unique index that answers
 * every later insert with a duplicate-key error (11000), never "already existed". And its store
 * never commits on its own, so what is on disk is always the state between two commands
 * ({@link DurableH2Backend}: a background commit once persisted a release without its index
 * entry, which a kill -9 test then turned into a dead-lettered message). The first test passes
 * without that fix too (the torn state needs a kill -9 at the wrong moment, which
 * {@code LocalProcessKillIT} exercises); it guards the concurrency the fix introduced. Last,
 * with group commit (several commands, one commit), every write acknowledged before a simulated
 * kill -9 (the store closed without writing) is there after the restart.
 */
class EmbeddedMongoConcurrencyTest {

  private static final int IDS = 300;
  private static final int COPIES = 4;
  private static final int BATCH = 25;

  private static Path dir;
  private static EmbeddedMongo mongo;
  private static Vertx vertx;
  private static MongoClient client;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("embedded-mongo-race");
    mongo = EmbeddedMongo.start("127.0.0.1", 0, dir);
    vertx = Vertx.vertx();
    client = MongoClient.createShared(vertx, new JsonObject()
        .put("connection_string", mongo.uri()).put("db_name", "race")
        .put("maxPoolSize", 32).put("minPoolSize", 32), "race");
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    mongo.close();
  }

  @Test
  void concurrentInsertsOfOneIdLeaveOneDocumentAndADuplicateKeyForEveryLaterInsert()
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < IDS; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    // Overlapping batches, as consumers inserting redelivered messages: every id is in several.
    List<String> copies = new ArrayList<>();
    for (int copy = 0; copy < COPIES; copy++) {
      copies.addAll(ids);
    }
    Collections.shuffle(copies, new Random(7));
    List<Future<String>> inserts = new ArrayList<>();
    for (int from = 0; from < copies.size(); from += BATCH) {
      inserts.add(insert(copies.subList(from, from + BATCH)));
    }
    await(inserts);
    assertThat(inserts).extracting(Future::result).doesNotContain("other failure");

    List<Future<String>> later = ids.stream().map(id -> insert(List.of(id))).toList();
    await(later);
    assertThat(later).extracting(Future::result).containsOnly("duplicate");
    assertThat(client.count("releases", new JsonObject()).toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isEqualTo((long) IDS);
  }

  private static void await(List<Future<String>> all) throws Exception {
    Future.join(all).toCompletionStage().toCompletableFuture()
        .handle((ok, e) -> null).get(60, TimeUnit.SECONDS);
  }

  @Test
  void theStoreCommitsOnlyBetweenCommands() throws Exception {
    DurableH2Backend backend = new DurableH2Backend(dir.resolve("own.mv.db").toString());
    try {
      assertThat(backend.getMvStore().getAutoCommitDelay()).as("background commit").isZero();
      assertThat(backend.getMvStore().getAutoCommitMemory()).as("commit past a size").isZero();
    } finally {
      backend.close();
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesACrash() throws Exception {
    String file = dir.resolve("crash.mv.db").toString();
    DurableH2Backend backend = new DurableH2Backend(file);
    MongoServer server = new MongoServer(backend);
    MongoClient crashing = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", "mongodb://" + address(server.bind())).put("db_name", "crash")
        .put("maxPoolSize", 16).put("minPoolSize", 16));
    // Concurrent inserts and updates: several threads' commands end up in one commit.
    List<Future<String>> writes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = "r" + i;
      writes.add(crashing.insert("releases", new JsonObject().put("_id", id).put("n", 1))
          .compose(ok -> crashing.updateCollection("releases", new JsonObject().put("_id", id),
              new JsonObject().put("$inc", new JsonObject().put("n", 1))))
          .map(id));
    }
    await(writes);
    assertThat(writes).allMatch(Future::succeeded);
    crashing.close();
    // A kill -9: whatever no commit holds is gone.
    backend.getMvStore().closeImmediately();
    server.shutdownNow();

    DurableH2Backend reopened = new DurableH2Backend(file);
    MongoServer again = new MongoServer(reopened);
    MongoClient reading = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", "mongodb://" + address(again.bind())).put("db_name", "crash"));
    try {
      List<JsonObject> docs = reading.find("releases", new JsonObject()).toCompletionStage()
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(docs).hasSize(200).allMatch(doc -> doc.getInteger("n") == 2);
    } finally {
      reading.close();
      again.shutdownNow();
    }
  }

  private static String address(InetSocketAddress bound) {
    return "127.0.0.1:" + bound.getPort();
  }

  /** One unordered bulk insert of {@code ids}: "inserted", "duplicate" or "other failure". */
  private static Future<String> insert(List<String> ids) {
    List<BulkOperation> inserts = ids.stream()
        .map(id -> BulkOperation.createInsert(new JsonObject().put("_id", id).put("n", 1)))
        .toList();
    return client.bulkWriteWithOptions("releases", inserts, new BulkWriteOptions(false))
        .map("inserted")
        .recover(e -> Future.succeededFuture(e instanceof MongoBulkWriteException bulk
            && bulk.getWriteErrors().stream().allMatch(w -> w.getCode() == 11000)
            ? "duplicate" : "other failure"));
  }
}
