package io.dailyflow.releases.intake;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Release ids. A plain POST gets a time-ordered UUID (RFC 9562 version 7: the millisecond of
 * creation, then 74 random bits), so ids made close in time sort together and land together in
 * a B-tree {@code _id} index (MongoDB's, or the embedded store's, whose random-id lookups missed
 * its page cache once the index outgrew it). An idempotent POST gets a name-based UUID over
 * SHA-256 of company and key, and a reversal one over the original's id: the same input always
 * gives the same id, so the consumer's unique {@code _id} makes every retry, race or re-publish
 * one release, whatever Redis remembers. Name-based ids are RFC 9562 version 8 (custom) UUIDs.
 */
public final class ReleaseIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ReleaseIds() {
  }

  public static String random() {
    return timeOrdered(System.currentTimeMillis(), RANDOM);
  }

  /** A version 7 UUID for {@code unixMillis}. */
  static String timeOrdered(long unixMillis, SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    long high = ByteBuffer.wrap(bytes, 0, 8).getLong();
    long low = ByteBuffer.wrap(bytes, 8, 8).getLong();
    high = (unixMillis << 16) | 0x7000L | (high & 0x0fffL);
    low = (low & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  public static String forIdempotencyKey(String companyId, String idempotencyKey) {
    return nameBased("idempotency-key", companyId, idempotencyKey);
  }

  public static String forReversalOf(String originalId) {
    return nameBased("reversal", originalId);
  }

  private static String nameBased(String... parts) {
    byte[] hash = Hashes.sha256(parts);
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bytes.getLong(), bytes.getLong()).toString();
  }
}
