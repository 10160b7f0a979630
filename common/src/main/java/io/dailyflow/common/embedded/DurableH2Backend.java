package io.dailyflow.common.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
 *       is off and a command that may write runs alone and commits before its reply: every
 *       commit falls between two commands. Commands that only read ({@link #READ_ONLY}) change
 *       nothing a commit could tear; they run together, and commit nothing.</li>
 * </ul>
 */
final class DurableH2Backend extends H2Backend {

  /** Commands that never write (aggregate is not one: a pipeline may end in $out or $merge). */
  static final Set<String> READ_ONLY = Set.of("find", "getMore", "listIndexes",
      "listCollections", "listDatabases", "ping", "hello", "isMaster", "ismaster", "buildInfo",
      "buildinfo");

  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  DurableH2Backend(String fileName) {
    super(new MVStore.Builder().fileName(fileName).autoCommitDisabled().open());
  }

  /** Every command, OP_MSG ones included ({@code handleMessage} dispatches here). */
  @Override
  public Document handleCommand(Channel channel, String databaseName, String command,
      Document query) {
    if (READ_ONLY.contains(command)) {
      lock.readLock().lock();
      try {
        return super.handleCommand(channel, databaseName, command, query);
      } finally {
        lock.readLock().unlock();
      }
    }
    lock.writeLock().lock();
    try {
      Document result = super.handleCommand(channel, databaseName, command, query);
      commit();
      return result;
    } finally {
      lock.writeLock().unlock();
    }
  }
}
