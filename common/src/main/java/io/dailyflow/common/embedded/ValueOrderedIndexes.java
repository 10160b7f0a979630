package io.dailyflow.common.embedded;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unique indexes of the H2 store whose keys are compared by value.
 *
 * <p>mongo-java-server's H2 backend keeps each unique index (the {@code _id} one of every
 * collection included) in an MVMap with H2's default key type. Its keys ({@code KeyValue}) are
 * not {@code Comparable}, so that type compares two keys by Java-serializing both: every step of
 * every index lookup serialized two objects, a quarter of the embedded store's CPU when the
 * consumer inserts releases (JFR of the benchmark). Here the keys are stored exactly as before
 * (the same bytes) but compared with mongo-java-server's own {@link ValueComparator}, as MongoDB
 * orders values. A map ordered the old way cannot be searched the new way, so a store written
 * before is migrated once when opened (each old index rebuilt in a new map in one commit), and
 * maps ordered the new way are listed in {@value #ORDERED}.
 */
final class ValueOrderedIndexes {

  private static final Logger LOG = LoggerFactory.getLogger(ValueOrderedIndexes.class);

  /**
   * Names of the index maps ordered by value (a set: name to 1). A database name cannot hold
   * {@code $} or {@code /}, so no collection map can take this name.
   */
  static final String ORDERED = "$dailyflow/value-ordered-indexes";
  /** How mongo-java-server names an index map: {@code <db>.<collection>._index_<index>}. */
  private static final String INDEX_MAP = "._index_";

  private ValueOrderedIndexes() {
  }

  /** The map of index {@code indexName} of a collection ({@code namespace} is db.collection). */
  static MVMap<KeyValue, Object> open(MVStore store, String namespace, String indexName) {
    String name = namespace + INDEX_MAP + indexName;
    MVMap<KeyValue, Object> map = store.openMap(name, builder());
    store.<String, Integer>openMap(ORDERED).putIfAbsent(name, 1);
    return map;
  }

  /**
   * Rebuilds, ordered by value, every index map of {@code store} that is still ordered the old
   * way, and commits. Call it before anything opens those maps.
   */
  static void migrate(MVStore store) {
    MVMap<String, Integer> ordered = store.openMap(ORDERED);
    List<String> old = store.getMapNames().stream()
        .filter(name -> name.contains(INDEX_MAP) && !ordered.containsKey(name))
        .toList();
    for (String name : old) {
      MVMap<Object, Object> before = store.openMap(name);
      List<Map.Entry<Object, Object>> entries = new ArrayList<>(before.entrySet());
      store.removeMap(before);
      MVMap<KeyValue, Object> after = store.openMap(name, builder());
      for (Map.Entry<Object, Object> entry : entries) {
        if (after.putIfAbsent((KeyValue) entry.getKey(), entry.getValue()) != null) {
          LOG.warn("Index {}: key {} equals another by value (as 1 and 1.0 do in MongoDB); "
              + "only the first is indexed", name, entry.getKey());
        }
      }
      ordered.put(name, 1);
    }
    if (!old.isEmpty()) {
      store.commit();
      LOG.info("Rebuilt {} index(es) of {} ordered by value", old.size(), store.getFileStore()
          .getFileName());
    }
  }

  private static MVMap.Builder<KeyValue, Object> builder() {
    return new MVMap.Builder<KeyValue, Object>().keyType(new KeyType());
  }

  /** Stored as H2's default type stores it; compared value by value, as MongoDB orders. */
  static final class KeyType extends BasicDataType<KeyValue> {

    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();
    private final ObjectDataType stored = new ObjectDataType();

    @Override
    public int compare(KeyValue a, KeyValue b) {
      int common = Math.min(a.size(), b.size());
      for (int i = 0; i < common; i++) {
        int order = VALUES.compare(a.get(i), b.get(i));
        if (order != 0) {
          return order;
        }
      }
      return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
      return stored.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
      stored.write(buffer, key);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
      return (KeyValue) stored.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
      return new KeyValue[size];
    }
  }

  /** mongo-java-server's {@code H2UniqueIndex}, over a map ordered by value. */
  static final class Index extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;

    Index(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
      super(name, keys, sparse);
      this.map = map;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
      return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
      return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
      return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
      return map.get(key);
    }

    @Override
    public long getCount() {
      return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public long getDataSize() {
      return getCount();
    }
  }
}
