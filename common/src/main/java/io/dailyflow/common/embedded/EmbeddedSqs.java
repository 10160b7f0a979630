package io.dailyflow.common.embedded;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ElasticMQ, a real SQS-protocol server, on loopback. Port 0 picks a free port. */
public final class EmbeddedSqs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);

  private final SQSRestServer server;
  private final int port;

  private EmbeddedSqs(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static EmbeddedSqs start(String host, int port) {
    SQSRestServer server = SQSRestServerBuilder.withInterface(host).withPort(port).start();
    int bound = server.waitUntilStarted().localAddress().getPort();
    LOG.info("Embedded SQS (ElasticMQ) listening on http://{}:{}", host, bound);
    return new EmbeddedSqs(server, bound);
  }

  public int port() {
    return port;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
