package io.dailyflow.common.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;

/**
 * The H2 (MVStore file) backend of mongo-java-server, made durable and crash-consistent per
 * command, with group commit.
 *
 * <ul>
 *   <li>Durable: no reply leaves before a commit that holds everything the command did or saw,
 *       so a write the client saw acknowledged survives a kill -9. (The stock backend commits
 *       about once a second, which loses the last second of acknowledged writes.)</li>
 *   <li>Consistent: a command writes several maps of the store (a document, then its unique
 *       index entries), and a commit is a snapshot of all of them. The stock store also commits
 *       from a background thread every second, and commands run on several threads: either
 *       could persist a command half done. After a kill -9 at that moment a release was found in
 *       the data but not in the {@code _id} index, so every later insert of it failed the whole
 *       batch ("already existed") until its message was dead-lettered. So the background commit
 *       is off, a command that may write runs alone, and a commit runs alone too: every commit
 *       falls between two commands. Commands that only read ({@link #READ_ONLY}) run
 *       together.</li>
 *   <li>Group commit: a commit writes every page changed since the last one (documents are
 *       Java-serialized, a page is rewritten whole), so it is the costly part of a small write.
 *       Commands that ran while another thread was committing are committed together by the
 *       first of them to ask, and each of their replies waits only for that one commit. A read
 *       waits for the commit of the writes it may have seen, so no reply reveals data a crash
 *       could still take back.</li>
 *   <li>Unique indexes compare their keys by value, not by serialized bytes
 *       ({@link ValueOrderedIndexes}).</li>
 * </ul>
 */
final class DurableH2Backend extends H2Backend {

  /** Commands that never write (aggregate is not one: a pipeline may end in $out or $merge). */
  static final Set<String> READ_ONLY = Set.of("find", "getMore", "listIndexes",
      "listCollections", "listDatabases", "ping", "hello", "isMaster", "ismaster", "buildInfo",
      "buildinfo");

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object committer = new Object();
  /** Write commands run so far; written under the write lock. */
  private final AtomicLong written = new AtomicLong();
  /** How many of {@link #written} a commit holds. */
  private volatile long committed;

  DurableH2Backend(String fileName) {
    super(open(fileName));
  }

  private static MVStore open(String fileName) {
    // No background commit, and no commit when unsaved changes pass a size either (H2 makes that
    // one on the writing thread, in the middle of a command, unless the buffer size is 0).
    MVStore store = new MVStore.Builder().fileName(fileName).autoCommitDisabled()
        .autoCommitBufferSize(0).open();
    ValueOrderedIndexes.migrate(store);
    return store;
  }

  /** Called by the super constructor too: uses nothing of this class but the store. */
  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new Database(databaseName);
  }

  /** The stock database, with unique indexes compared by value ({@link ValueOrderedIndexes}). */
  private final class Database extends H2Database {

    Database(String name) {
      super(name, getMvStore(), getCursorRegistry());
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
        List<IndexKey> keys, boolean sparse) {
      return new ValueOrderedIndexes.Index(ValueOrderedIndexes.open(getMvStore(),
          getFullCollectionNamespace(collectionName), indexName), indexName, keys, sparse);
    }
  }

  /** Every command, OP_MSG ones included ({@code handleMessage} dispatches here). */
  @Override
  public Document handleCommand(Channel channel, String databaseName, String command,
      Document query) {
    boolean reads = READ_ONLY.contains(command);
    Lock held = reads ? lock.readLock() : lock.writeLock();
    Document result = null;
    RuntimeException failure = null;
    long needs;
    held.lock();
    try {
      result = super.handleCommand(channel, databaseName, command, query);
    } catch (RuntimeException e) {
      failure = e; // an error reply too may follow a partial write (an unordered insert)
    } finally {
      needs = reads ? written.get() : written.incrementAndGet();
      held.unlock();
    }
    commitThrough(needs);
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  /** Returns once a commit holds the first {@code count} write commands. */
  private void commitThrough(long count) {
    if (committed >= count) {
      return;
    }
    synchronized (committer) {
      if (committed >= count) {
        return;
      }
      lock.writeLock().lock();
      try {
        long through = written.get();
        commit();
        committed = through;
      } finally {
        lock.writeLock().unlock();
      }
    }
  }
}
