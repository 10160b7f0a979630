package io.dailyflow.common.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary shipped in embedded-redis) as a child process on loopback. It is
 * a cache: no persistence, so a restart starts empty. Its pid file lets the next start stop an
 * orphan left behind when the parent JVM was killed with SIGKILL.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);

  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Port 0 picks a free port. {@code pidDir} may be {@code null} (tests). */
  public static EmbeddedRedis start(String host, int port, Path pidDir) {
    int chosen = port == 0 ? freePort() : port;
    try {
      Path pidFile = null;
      if (pidDir != null) {
        Files.createDirectories(pidDir);
        pidFile = pidDir.resolve("redis-" + chosen + ".pid").toAbsolutePath();
        stopOrphan(pidFile);
      }
      RedisServer server = RedisServer.newRedisServer()
          .bind(host)
          .port(chosen)
          .setting("save \"\"")
          .setting("appendonly no")
          .settingIf(pidFile != null, "pidfile " + pidFile)
          .onShutdownForceStop(true)
          .build();
      server.start();
      LOG.info("Embedded Redis listening on {}:{}", host, chosen);
      return new EmbeddedRedis(server, chosen);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded Redis on port " + chosen, e);
    }
  }

  private static void stopOrphan(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    String text = Files.readString(pidFile).strip();
    Files.deleteIfExists(pidFile);
    try {
      Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(text));
      orphan.filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
          .ifPresent(p -> {
            LOG.warn("Stopping orphaned embedded Redis (pid {}) left by a killed run", p.pid());
            p.destroyForcibly();
            p.onExit().join();
          });
    } catch (NumberFormatException ignored) {
      // Not a pid: nothing to stop.
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server; {@link #start} on the same port brings a fresh, empty one. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      LOG.warn("Embedded Redis on port {} did not stop cleanly: {}", port, e.toString());
    }
  }
}
