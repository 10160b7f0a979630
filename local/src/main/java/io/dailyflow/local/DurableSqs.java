package io.dailyflow.local;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.immutable.List$;

/**
 * ElasticMQ whose queues and messages live in an H2 file under the data directory, wired as
 * ElasticMQ's own server does with {@code messages-storage} enabled: a
 * {@link SqlQueuePersistenceActor} hears every queue event and the queue actors wait for it
 * before replying (through a {@link SnapshottingQueueListener}, which hands it copies of the
 * messages the queue actors go on changing), so a SendMessage the publisher saw acknowledged (and
 * the 202 it answered) is in the file ({@code WRITE_DELAY=0}: written at each commit) and
 * survives a kill -9. At start it restores the queues (with their redrive policy) and the
 * messages, visible again.
 */
final class DurableSqs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurableSqs.class);
  private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * ElasticMQ answers 503 to a request still unanswered after 21 s: a 20 s long poll has one
   * second to spare. A receive waits for the persistence of its messages' new visibility, so a
   * busy store (a benchmark backlog) pushed some past it: the consumer's SDK retried, and the
   * messages that timed-out receive had taken stayed invisible until their visibility timeout
   * (60 s late, counted nowhere). 40 s leaves 20 to spare, under the 60 s idle timeout.
   */
  static final Config SERVER_SETTINGS = ConfigFactory
      .parseString("pekko.http.server.request-timeout = 40 s")
      .withFallback(ConfigFactory.load());

  private final ActorSystem actors;
  private final SQSRestServer server;
  private final int port;

  private DurableSqs(ActorSystem actors, SQSRestServer server, int port) {
    this.actors = actors;
    this.server = server;
    this.port = port;
  }

  /**
   * The store of the first durable SQS of this JVM. ElasticMQ's SQL persistence keeps one
   * JVM-wide connection pool, so a second store in the same JVM would silently read and write the
   * first one's file: refused instead (in-process tests use the in-memory queue).
   */
  private static final AtomicReference<Path> STORE = new AtomicReference<>();

  static DurableSqs start(String host, int port, Path dir) {
    Path store = dir.toAbsolutePath().normalize();
    Path first = STORE.updateAndGet(current -> current == null ? store : current);
    if (!first.equals(store)) {
      throw new IllegalStateException("This JVM already ran a durable embedded SQS on " + first
          + "; ElasticMQ keeps one store per JVM, so " + store + " cannot be opened (set "
          + "local.sqs-durable=false for more than one in-process run)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
    String url = "jdbc:h2:file:" + dir.resolve("queues").toAbsolutePath() + ";WRITE_DELAY=0";
    SqlQueuePersistenceConfig storage = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url,
        "sa", "", false);
    ActorSystem actors = ActorSystem.create("elasticmq", SERVER_SETTINGS);
    try {
      ActorRef sql = actors.actorOf(Props.create(SqlQueuePersistenceActor.class,
          storage, List$.MODULE$.empty()), "sql-persistence");
      ActorRef persistence = actors.actorOf(SnapshottingQueueListener.props(sql), "persistence");
      ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(),
          StrictSQSLimits$.MODULE$, Option.apply(persistence)));
      // Restore before listening: a client must never see the queue missing (it would create
      // an empty one that the restore then collides with).
      Object restored = Patterns.ask(persistence, new QueueEvent.Restore(queues), RESTORE_TIMEOUT)
          .toCompletableFuture().get(RESTORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (restored instanceof scala.util.Left<?, ?> errors) {
        throw new IllegalStateException("queues in " + dir + " not restored: " + errors.value());
      }
      SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors)
          .withQueueManagerActor(queues).withQueueEventListener(persistence)
          .withInterface(host).withPort(port).start();
      int bound = server.waitUntilStarted().localAddress().getPort();
      LOG.info("Embedded SQS (ElasticMQ) listening on http://{}:{}, queues and messages in {} "
          + "(restore: {})", host, bound, dir.toAbsolutePath(), restored);
      return new DurableSqs(actors, server, bound);
    } catch (Exception e) {
      actors.terminate();
      throw new IllegalStateException("Cannot start the durable embedded SQS: " + e, e);
    }
  }

  int port() {
    return port;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.stopAndWait();
    actors.terminate();
  }
}
