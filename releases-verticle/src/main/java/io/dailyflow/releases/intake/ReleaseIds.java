package io.dailyflow.releases.intake;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Release ids. A plain POST gets a random UUID. An idempotent POST gets a name-based UUID over
 * SHA-256 of company and key, and a reversal one over the original's id: the same input always
 * gives the same id, so the consumer's unique {@code _id} makes every retry, race or re-publish
 * one release, whatever Redis remembers. Name-based ids are RFC 9562 version 8 (custom) UUIDs.
 */
public final class ReleaseIds {

  private ReleaseIds() {
  }

  public static String random() {
    return UUID.randomUUID().toString();
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
