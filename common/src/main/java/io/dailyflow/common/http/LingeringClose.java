package io.dailyflow.common.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.TimeUnit;

/**
 * A lingering close for a connection Vert.x closes right after answering a request its decoder
 * could not read (request line or headers too long). Vert.x closes such a connection as soon as
 * the answer is written; when the client is still sending (a body behind the oversized headers),
 * the kernel turns that close into a reset, and a reset can destroy the answer before the client
 * has read it: the client sees "connection reset" instead of the 414 or 431.
 *
 * <p>Installed on such a connection, this handler does what HTTP servers do there (nginx's
 * {@code lingering_close}): the close becomes a half-close, so the answer is followed by a FIN,
 * and whatever still arrives is read and dropped until the client closes its side, nothing has
 * arrived for {@link #QUIET_MS}, or {@link #LIMIT_MS} has passed since the close was asked for
 * (whatever happens to the answer meanwhile: a client that reads nothing is closed on too).
 *
 * <p>It needs the connection's Netty channel, which Vert.x 5 only exposes on its implementation
 * class; where that is not available, the connection closes as Vert.x does it.
 */
final class LingeringClose extends ChannelDuplexHandler {

  /** Close once nothing has arrived for this long. */
  static final long QUIET_MS = 2_000;

  /** Close at the latest this long after the close was asked for (as an unread body is drained). */
  static final long LIMIT_MS = UnreadBodies.DRAIN_LIMIT_MS;

  private ChannelPromise closing;
  private ScheduledFuture<?> limit;
  private ScheduledFuture<?> quiet;

  private LingeringClose() {
  }

  /** Makes the next close of {@code connection} a lingering one, where Vert.x lets us. */
  static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base && base.channel() instanceof DuplexChannel) {
      base.channel().pipeline().addFirst(new LingeringClose());
    }
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (closing != null) {
      closing.addListener(done -> {
        if (done.isSuccess()) {
          promise.trySuccess();
        } else {
          promise.tryFailure(done.cause());
        }
      });
      return;
    }
    closing = promise;
    Channel channel = ctx.channel();
    limit = ctx.executor().schedule(() -> closeNow(ctx), LIMIT_MS, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(done -> stopLingering());
    channel.config().setAutoRead(true);
    // Everything asked so far goes out before the half-close, which would fail unsent writes.
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
      if (!flushed.isSuccess() || !channel.isActive()) {
        closeNow(ctx);
        return;
      }
      ((DuplexChannel) channel).shutdownOutput();
      restartQuiet(ctx);
    });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    ReferenceCountUtil.release(msg);
    if (quiet != null) {
      restartQuiet(ctx); // only once half-closed: until then the limit alone applies
    }
  }

  private void restartQuiet(ChannelHandlerContext ctx) {
    if (quiet != null) {
      quiet.cancel(false);
    }
    quiet = ctx.executor().schedule(() -> closeNow(ctx), QUIET_MS, TimeUnit.MILLISECONDS);
  }

  /** The real close, with the promise of the close that was asked for (once). */
  private void closeNow(ChannelHandlerContext ctx) {
    if (!closing.isDone()) {
      ctx.close(closing);
    }
  }

  private void stopLingering() {
    if (quiet != null) {
      quiet.cancel(false);
    }
    limit.cancel(false);
    closing.trySuccess();
  }
}
