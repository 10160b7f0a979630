package io.dailyflow.releases.publish;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * The HTTP side's handle on the publisher verticle: asks it to put a release on the queue and
 * completes when SQS acknowledged. The publisher itself fails a message after
 * {@code releases.publish-timeout-ms}; the event-bus timeout here is only a backstop a little
 * later, so a request never hangs. A failure is a {@code ReplyException} that the failure handler
 * maps to 503 with {@code Retry-After}.
 */
public final class PublishClient {

  private static final long BACKSTOP_MS = 500;

  private final Vertx vertx;
  private final long sendTimeoutMs;

  public PublishClient(Vertx vertx, long publishTimeoutMs) {
    this.vertx = vertx;
    this.sendTimeoutMs = publishTimeoutMs + BACKSTOP_MS;
  }

  /** Completes with the SQS message id. */
  public Future<String> publish(ReleaseMessage release) {
    DeliveryOptions options = new DeliveryOptions()
        .setSendTimeout(sendTimeoutMs)
        .addHeader(Addresses.REQUEST_ID_HEADER, release.requestId());
    return vertx.eventBus()
        .<JsonObject>request(Addresses.RELEASES_PUBLISH, release.toJson(), options)
        .map(reply -> reply.body().getString("messageId"));
  }
}
