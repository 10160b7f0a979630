package io.dailyflow.common.http;

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
 * arrived for {@link #QUIET_MS}, or {@link #LIMIT_MS} has passed; then the connection closes.
 *
 * <p>It needs the connection's Netty channel, which Vert.x 5 only exposes on its implementation
 * class; where that is not available, the connection closes as Vert.x does it.
 */
final class LingeringClose extends ChannelDuplexHandler {

  /** Close once nothing has arrived for this long. */
  static final long QUIET_MS = 2_000;

  /** Close at the latest this long after the close was asked for. */
  static final long LIMIT_MS = 10_000;

  private ScheduledFuture<?> quiet;
  private ScheduledFuture<?> limit;
  private ChannelPromise closing;

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
      closing.addListener(done -> promise.trySuccess());
      return;
    }
    closing = promise;
    Channel channel = ctx.channel();
    channel.closeFuture().addListener(done -> stopLingering(promise));
    channel.config().setAutoRead(true);
    // Everything asked so far goes out before the half-close, which would fail unsent writes.
    ctx.writeAndFlush(channel.alloc().buffer(0)).addListener(flushed -> {
      ((DuplexChannel) channel).shutdownOutput();
      limit = ctx.executor().schedule(() -> ctx.close(promise), LIMIT_MS, TimeUnit.MILLISECONDS);
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
    restartQuiet(ctx);
  }

  private void restartQuiet(ChannelHandlerContext ctx) {
    if (limit == null) {
      return; // not half-closed yet
    }
    if (quiet != null) {
      quiet.cancel(false);
    }
    quiet = ctx.executor().schedule(() -> ctx.close(closing), QUIET_MS, TimeUnit.MILLISECONDS);
  }

  private void stopLingering(ChannelPromise promise) {
    if (quiet != null) {
      quiet.cancel(false);
    }
    if (limit != null) {
      limit.cancel(false);
    }
    promise.trySuccess();
  }
}
