package io.dailyflow.releases.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The publisher's gathering policy, with sends that complete when the test says (the queue's
 * answer), on one event loop as in the verticle.
 */
@ExtendWith(VertxExtension.class)
class BatcherTest {

  private static final int WINDOW_MS = 2;

  /** Sent batches, and the promise that answers each. */
  private final List<List<String>> sent = new ArrayList<>();
  private final List<Promise<Void>> answers = new ArrayList<>();

  private Batcher<String> batcher(Vertx vertx, long maxWaitMs, int maxItems) {
    return new Batcher<>(vertx, WINDOW_MS, maxWaitMs, maxItems, 1_000, String::length,
        batch -> {
          sent.add(batch);
          Promise<Void> answer = Promise.promise();
          answers.add(answer);
          return answer.future();
        });
  }

  /** Runs {@code step} on the event loop after {@code ms}. */
  private static void after(Vertx vertx, long ms, VertxTestContext ctx, Runnable step) {
    vertx.setTimer(ms, id -> ctx.verify(step::run));
  }

  @Test
  void anIdleBatcherSendsWhenTheWindowEnds(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      Batcher<String> batcher = batcher(vertx, 10_000, 100);
      batcher.add("a");
      batcher.add("b");
      after(vertx, 200, ctx, () -> {
        assertThat(sent).containsExactly(List.of("a", "b"));
        ctx.completeNow();
      });
    });
  }

  @Test
  void whileASendIsInFlightTheNextBatchGathersUntilItsAnswer(Vertx vertx,
      VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      Batcher<String> batcher = batcher(vertx, 10_000, 100);
      batcher.add("a");
      after(vertx, 50, ctx, () -> {
        assertThat(sent).containsExactly(List.of("a"));
        batcher.add("b");
        after(vertx, 50, ctx, () -> {
          batcher.add("c");
          after(vertx, 50, ctx, () -> {
            assertThat(sent).as("held while the first send is in flight").hasSize(1);
            answers.get(0).complete();
            assertThat(sent).containsExactly(List.of("a"), List.of("b", "c"));
            ctx.completeNow();
          });
        });
      });
    });
  }

  @Test
  void aHeldBatchGoesAtTheMaxWaitIfTheAnswerIsLate(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      Batcher<String> batcher = batcher(vertx, 100, 100);
      batcher.add("a");
      after(vertx, 20, ctx, () -> {
        batcher.add("b");
        after(vertx, 400, ctx, () -> {
          assertThat(sent).containsExactly(List.of("a"), List.of("b"));
          assertThat(answers.get(0).future().isComplete()).isFalse();
          ctx.completeNow();
        });
      });
    });
  }

  @Test
  void aFullBatchGoesAtOnceEvenWithASendInFlight(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      Batcher<String> batcher = batcher(vertx, 10_000, 3);
      batcher.add("a");
      after(vertx, 50, ctx, () -> {
        batcher.add("b");
        batcher.add("c");
        batcher.add("d");
        assertThat(sent).containsExactly(List.of("a"), List.of("b", "c", "d"));
        ctx.completeNow();
      });
    });
  }

  @Test
  void aBatchThatWouldPassTheByteLimitGoesBeforeTheItemThatWouldPassIt(Vertx vertx,
      VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      Batcher<String> batcher = batcher(vertx, 10_000, 100);
      batcher.add("x".repeat(600));
      batcher.add("y".repeat(600));
      assertThat(sent).containsExactly(List.of("x".repeat(600)));
      ctx.completeNow();
    });
  }

  @Test
  void drainSendsWhatIsPendingAndCompletesWhenEverySendIsAnswered(Vertx vertx,
      VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      Batcher<String> batcher = batcher(vertx, 10_000, 100);
      batcher.add("a");
      after(vertx, 50, ctx, () -> {
        batcher.add("b");
        Future<Void> drained = batcher.drain();
        assertThat(sent).containsExactly(List.of("a"), List.of("b"));
        answers.get(1).complete();
        assertThat(drained.isComplete()).isFalse();
        answers.get(0).fail("queue down");
        assertThat(drained.succeeded()).isTrue();
        ctx.completeNow();
      });
    });
  }
}
