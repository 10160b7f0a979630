package io.dailyflow.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dailyflow.common.http.ApiRouter;
import io.dailyflow.common.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Log lines written after an async step carry their own request's id, not a neighbour's. */
@ExtendWith(VertxExtension.class)
class RequestIdLogFilterTest {

  private static final Logger LOG = (Logger) LoggerFactory.getLogger("request-id-test");

  @Test
  void interleavedRequestsLogTheirOwnIdsAfterTimers(Vertx vertx, VertxTestContext ctx) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    LOG.addAppender(appender);
    Router router = ApiRouter.create(vertx, 1024, List.of());
    router.get("/slow/:ms").handler(rc -> {
      long delay = Long.parseLong(rc.pathParam("ms"));
      // The timers make the two requests' callbacks interleave on the same event loop.
      vertx.setTimer(delay, t -> {
        LOG.info("answering {}", RequestIds.of(rc));
        rc.end();
      });
    });
    WebClient web = WebClient.create(vertx);
    vertx.createHttpServer().requestHandler(router).listen(0)
        .compose(server -> {
          List<Future<?>> calls = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            calls.add(web.get(server.actualPort(), "127.0.0.1", "/slow/" + (50 - i * 5))
                .putHeader(RequestIds.HEADER, "req-" + i).send());
          }
          return Future.all(calls);
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          Map<String, String> logged = appender.list.stream().collect(Collectors.toMap(
              e -> e.getFormattedMessage().substring("answering ".length()),
              e -> String.valueOf(e.getMDCPropertyMap().get(RequestIds.MDC_KEY))));
          assertThat(logged).hasSize(10);
          logged.forEach((id, mdc) -> assertThat(mdc).as(id).isEqualTo(id));
          ctx.completeNow();
        })));
  }

  @Test
  void aCallBelowTheLoggersLevelLeavesTheMdcUntouched(Vertx vertx, VertxTestContext ctx) {
    io.vertx.core.Context request = ((io.vertx.core.internal.ContextInternal) vertx
        .getOrCreateContext()).duplicate();
    request.runOnContext(v -> ctx.verify(() -> {
      RequestIds.bind(request, "req-below-level");
      // The test logger logs INFO: a debug check is answered without copying fields to the MDC.
      assertThat(LOG.isDebugEnabled()).isFalse();
      LOG.debug("below level");
      assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
      LOG.info("at level");
      assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("req-below-level");
      MDC.remove(RequestIds.MDC_KEY);
      ctx.completeNow();
    }));
  }

  @Test
  void anIdPutOnTheMdcByCodeIsKept() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    LOG.addAppender(appender);
    MDC.put(RequestIds.MDC_KEY, "from-a-queue-message");
    try {
      LOG.info("stored");
    } finally {
      MDC.remove(RequestIds.MDC_KEY);
    }
    assertThat(appender.list.get(0).getMDCPropertyMap())
        .containsEntry(RequestIds.MDC_KEY, "from-a-queue-message");
  }
}
