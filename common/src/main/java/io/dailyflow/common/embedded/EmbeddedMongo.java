package io.dailyflow.common.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server). With a data directory its data lives in an
 * H2 MVStore file there, committed before each reply; without one it is in memory (tests).
 */
public final class EmbeddedMongo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);

  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  /**
   * @param dataDir where {@code dailyflow.mv.db} lives, or {@code null} for an in-memory store
   */
  public static EmbeddedMongo start(String host, int port, Path dataDir) {
    H2Backend backend = dataDir == null ? H2Backend.inMemory() : fileBackend(dataDir);
    MongoServer server = new MongoServer(backend);
    server.bind(host, port);
    InetSocketAddress address = server.getLocalAddress();
    LOG.info("Embedded MongoDB-protocol server listening on {}:{} ({})", host, address.getPort(),
        dataDir == null ? "in memory" : "data in " + dataDir.toAbsolutePath());
    return new EmbeddedMongo(server, address);
  }

  private static H2Backend fileBackend(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create data directory " + dataDir, e);
    }
    return new DurableH2Backend(dataDir.resolve("dailyflow.mv.db").toAbsolutePath().toString());
  }

  public int port() {
    return address.getPort();
  }

  public String uri() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
