package io.dailyflow.common.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;

/**
 * The H2 (MVStore file) backend of mongo-java-server, made durable per command: the store commits
 * before the reply leaves, so a write the client saw acknowledged survives a kill -9. (The stock
 * backend commits about once a second, which loses the last second of acknowledged writes.)
 */
final class DurableH2Backend extends H2Backend {

  DurableH2Backend(String fileName) {
    super(fileName);
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command,
      Document query) {
    Document result = super.handleCommand(channel, databaseName, command, query);
    commit();
    return result;
  }

  @Override
  public Document handleMessage(MongoMessage message) {
    Document result = super.handleMessage(message);
    commit();
    return result;
  }
}
