package io.dailyflow.common.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The H2 (MVStore file) backend of mongo-java-server, made durable and crash-consistent per
 * command.
 *
 * <ul>
 *   <li>Durable: the store commits before the reply leaves, so a write the client saw
 *       acknowledged survives a kill -9. (The stock backend commits about once a second, which
 *       loses the last second of acknowledged writes.)</li>
 *   <li>Consistent: a command writes several maps of the store (a document, then its unique
 *       index entries), and a commit is a snapshot of all of them. The stock store also commits
 *       from a background thread every second, and commands run on several threads: either
 *       could persist a command half done. After a kill -9 at that moment a release was found in
 *       the data but not in the {@code _id} index, so every later insert of it failed the whole
 *       batch ("already existed") until its message was dead-lettered. So the background commit
 *       is off and commands run one at a time: every commit falls between two commands.</li>
 * </ul>
 */
final class DurableH2Backend extends H2Backend {

  DurableH2Backend(String fileName) {
    super(new MVStore.Builder().fileName(fileName).autoCommitDisabled().open());
  }

  /** Every command, OP_MSG ones included ({@code handleMessage} dispatches here). */
  @Override
  public synchronized Document handleCommand(Channel channel, String databaseName,
      String command, Document query) {
    Document result = super.handleCommand(channel, databaseName, command, query);
    commit();
    return result;
  }
}
