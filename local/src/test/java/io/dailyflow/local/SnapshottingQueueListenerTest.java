package io.dailyflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.AbstractList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.MessageContent;
import org.elasticmq.MillisNextDelivery;
import org.elasticmq.NeverReceived$;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.DBMessage;
import org.elasticmq.persistence.sql.DBMessage$;
import org.elasticmq.util.NowProvider;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.immutable.Map$;
import scala.collection.mutable.ArrayBuffer;
import scala.collection.mutable.Buffer;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The durable embedded SQS's persistence is handed copies of the messages ElasticMQ's queue actors
 * go on changing, so a receive racing the write of a message can no longer break the write.
 */
class SnapshottingQueueListenerTest {

  private static final NowProvider NOW = new NowProvider();

  @Test
  void aSnapshotHasEveryFieldButNoReceiptAddedAfterIt() {
    InternalMessage message = message("m-1");
    message.trackDelivery(new MillisNextDelivery(NOW.nowMillis() + 30_000), NOW);

    InternalMessage snapshot = SnapshottingQueueListener.snapshot(message);

    assertThat(snapshot).isEqualTo(message).isNotSameAs(message);
    assertThat(snapshot.deliveryReceipts()).isNotSameAs(message.deliveryReceipts());
    message.trackDelivery(new MillisNextDelivery(NOW.nowMillis() + 60_000), NOW);
    assertThat(snapshot.deliveryReceipts().length()).isEqualTo(1);
    assertThat(snapshot.receiveCount()).isEqualTo(1);
    assertThat(message.deliveryReceipts().length()).isEqualTo(2);
  }

  /**
   * What the SQL persistence does with an event's message, done while another thread delivers
   * the same messages again and again, as a queue actor serving long polls does. Writing the live
   * message this way fails within milliseconds; its snapshot must always be whole.
   */
  @Test
  void aSnapshotTakenWhileTheQueueKeepsDeliveringIsWholeAndCanBeStored() throws Exception {
    int deliveriesEach = 500;
    AtomicReference<InternalMessage> current = new AtomicReference<>(message("m-0"));
    AtomicBoolean stored = new AtomicBoolean();
    Thread queue = new Thread(() -> {
      for (int m = 1; !stored.get(); m++) {
        InternalMessage message = current.get();
        for (int d = 0; d < deliveriesEach; d++) {
          message.trackDelivery(new MillisNextDelivery(NOW.nowMillis() + 30_000), NOW);
        }
        current.set(message("m-" + m));
      }
    }, "queue-actor");
    queue.start();
    try {
      for (int write = 0; write < 5_000; write++) {
        InternalMessage live = current.get();
        InternalMessage snapshot = SnapshottingQueueListener.snapshot(live);
        DBMessage row = DBMessage$.MODULE$.from(snapshot);
        InternalMessage restored = row.toInternalMessage();
        assertThat(restored.deliveryReceipts().contains(null)).isFalse();
        assertThat(restored.deliveryReceipts().length())
            .isEqualTo(snapshot.deliveryReceipts().length())
            .isLessThanOrEqualTo(live.deliveryReceipts().length());
      }
    } finally {
      stored.set(true);
      queue.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  /**
   * The queue actor's thread can be kept off its core halfway through an append, leaving the
   * list torn for as long as that lasts: the copy must wait it out, not give up and hand the
   * persistence the torn list (a first version gave up after 10,000 quick tries, and a
   * benchmark at 500 releases/s saw the write fail again).
   */
  @Test
  void aSnapshotWaitsOutAnAppendLeftHalfDone() throws Exception {
    HalfAppended half = new HalfAppended();
    Buffer<String> receipts = CollectionConverters.asScala(half);
    InternalMessage message = message("m-1", receipts);
    // Back on a core only after the copy has found the list torn a thousand times: past its
    // quick spins and well into parking between tries.
    Thread queue = new Thread(() -> {
      await().atMost(Duration.ofSeconds(10)).until(() -> half.tornReads() > 1_000);
      half.finish("receipt-2");
    }, "queue-actor-back-on-a-core");
    queue.start();

    InternalMessage snapshot = SnapshottingQueueListener.snapshot(message);

    queue.join();
    assertThat(snapshot.deliveryReceipts()).isNotSameAs(receipts);
    assertThat(snapshot.deliveryReceipts().length()).isEqualTo(2);
    assertThat(snapshot.deliveryReceipts().apply(1)).isEqualTo("receipt-2");
    DBMessage$.MODULE$.from(snapshot);
  }

  /** Two receipts long, the second not written until {@link #finish} (as a torn append reads). */
  static final class HalfAppended extends AbstractList<String> {
    private final AtomicInteger tornReads = new AtomicInteger();
    private volatile String second;

    void finish(String receipt) {
      second = receipt;
    }

    int tornReads() {
      return tornReads.get();
    }

    @Override
    public String get(int i) {
      return switch (i) {
        case 0 -> "receipt-1";
        case 1 -> {
          String written = second;
          if (written == null) {
            tornReads.incrementAndGet();
          }
          yield written;
        }
        default -> throw new IndexOutOfBoundsException(i);
      };
    }

    @Override
    public int size() {
      return 2;
    }
  }

  /** The persistence sees a copy, and its answer still reaches the queue actor that waits. */
  @Test
  void messageEventsReachThePersistenceAsCopiesAndItsAnswerReachesTheAsker() throws Exception {
    ActorSystem actors = ActorSystem.create("snapshotting-listener-test");
    try {
      ActorRef persistence = actors.actorOf(Props.create(Echo.class, Echo::new));
      ActorRef listener = actors.actorOf(SnapshottingQueueListener.props(persistence));
      InternalMessage message = message("m-1");

      Object added = ask(listener, new QueueEvent.MessageAdded("q", message));
      Object updated = ask(listener, new QueueEvent.MessageUpdated("q", message));
      Object removed = ask(listener, new QueueEvent.MessageRemoved("q", "m-1"));

      assertThat(added).isInstanceOfSatisfying(QueueEvent.MessageAdded.class, event -> {
        assertThat(event.queueName()).isEqualTo("q");
        assertThat(event.message()).isEqualTo(message).isNotSameAs(message);
      });
      assertThat(updated).isInstanceOfSatisfying(QueueEvent.MessageUpdated.class,
          event -> assertThat(event.message()).isEqualTo(message).isNotSameAs(message));
      assertThat(removed).isEqualTo(new QueueEvent.MessageRemoved("q", "m-1"));
    } finally {
      actors.terminate();
    }
  }

  private static Object ask(ActorRef to, Object event) throws Exception {
    return Patterns.ask(to, event, Duration.ofSeconds(5)).toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  /** Answers whoever sent an event with the event it received. */
  static final class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(event -> getSender().tell(event, getSelf())).build();
    }
  }

  private static InternalMessage message(String id) {
    return message(id, new ArrayBuffer<>());
  }

  private static InternalMessage message(String id, Buffer<String> receipts) {
    return new InternalMessage(id, receipts, NOW.nowMillis(),
        MessageContent.apply("{\"amount\":\"1.00\"}"), Map$.MODULE$.empty(),
        OffsetDateTime.now(), 0, NeverReceived$.MODULE$, 0, false, Option.empty(),
        Option.empty(), Option.empty(), Option.empty(), Option.empty());
  }
}
