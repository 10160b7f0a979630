package io.dailyflow.local;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.actor.queue.QueueEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.mutable.ArrayBuffer;
import scala.collection.mutable.Buffer;

/**
 * Stands between ElasticMQ's queue actors and its SQL persistence, and hands the persistence a
 * private copy of each added or updated message.
 *
 * <p>ElasticMQ 1.7.1 puts the queue's own, mutable {@link InternalMessage} in its
 * {@code MessageAdded}/{@code MessageUpdated} events and goes on serving the queue while the
 * persistence actor writes it. A receive in that window appends a delivery receipt to the very
 * list the persistence is copying ({@code DBMessage.from}), the copy fails
 * ({@code IllegalArgumentException: requirement failed}), the event is never acknowledged, and
 * ElasticMQ answers the SendMessageBatch only after 21 s, well after the Releases API has given up
 * with a 503 on releases the queue did keep.
 *
 * <p>Here the copy is taken first, by this actor, and retried until it is whole: receipts are only
 * ever appended, so a read that overlaps an append either throws or sees a list shorter than it
 * says, and a read after the append has finished does not. That can take as long as the queue
 * actor's thread is kept off its core mid-append, so the copy is retried for up to 2 s, parking
 * between tries. The state copied is at least as new as the event (the queue actor changed the
 * message before it sent the event); a receipt appended since comes with an event of its own, so
 * the store still ends on the latest state. Every other event is passed on as it came, and every
 * event keeps its sender, so the persistence still answers the queue actor that waits for it.
 */
final class SnapshottingQueueListener extends AbstractActor {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshottingQueueListener.class);

  /**
   * How long a copy is retried before the message is passed on as it is. A torn read lasts as
   * long as the queue actor is off its core in the middle of an append: on a busy machine that
   * outlasted the 10,000 back-to-back copies a first version tried (a benchmark at 500 releases/s
   * hit it). Below the 5 s the queue actor waits for the persistence's answer.
   */
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int SPINS_BEFORE_PARKING = 100;
  private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final ActorRef persistence;

  private SnapshottingQueueListener(ActorRef persistence) {
    this.persistence = persistence;
  }

  static Props props(ActorRef persistence) {
    return Props.create(SnapshottingQueueListener.class,
        () -> new SnapshottingQueueListener(persistence));
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(QueueEvent.MessageAdded.class, added -> persistence.forward(
            new QueueEvent.MessageAdded(added.queueName(), snapshot(added.message())),
            getContext()))
        .match(QueueEvent.MessageUpdated.class, updated -> persistence.forward(
            new QueueEvent.MessageUpdated(updated.queueName(), snapshot(updated.message())),
            getContext()))
        .matchAny(event -> persistence.forward(event, getContext()))
        .build();
  }

  /**
   * A copy of {@code message} that shares no mutable state with it: its own list of delivery
   * receipts; every other field is immutable or a single value.
   */
  static InternalMessage snapshot(InternalMessage message) {
    return message.copy(message.id(), receipts(message.deliveryReceipts()),
        message.nextDelivery(), message.content(), message.messageAttributes(),
        message.created(), message.orderIndex(), message.firstReceive(), message.receiveCount(),
        message.isFifo(), message.messageGroupId(), message.messageDeduplicationId(),
        message.tracingId(), message.sequenceNumber(), message.deadLetterSourceQueueName());
  }

  private static Buffer<String> receipts(Buffer<String> live) {
    long deadline = System.nanoTime() + GIVE_UP_NANOS;
    for (int attempt = 0; System.nanoTime() - deadline < 0; attempt++) {
      try {
        Buffer<String> copy = copyOnce(live);
        if (copy != null) {
          return copy;
        }
      } catch (RuntimeException overlappedAnAppend) {
        // read again
      }
      if (attempt < SPINS_BEFORE_PARKING) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(PARK_NANOS); // give the appending thread the core
      }
    }
    LOG.warn("Delivery receipts still changing after {} ms: persisting the live list",
        TimeUnit.NANOSECONDS.toMillis(GIVE_UP_NANOS));
    return live;
  }

  /** The receipts, or null when the read saw an append half done (a slot not yet written). */
  private static Buffer<String> copyOnce(Buffer<String> live) {
    int size = live.length();
    ArrayBuffer<String> copy = new ArrayBuffer<>(size);
    for (int i = 0; i < size; i++) {
      String receipt = live.apply(i);
      if (receipt == null) {
        return null;
      }
      copy.addOne(receipt);
    }
    return copy;
  }
}
