package io.dailyflow.releases.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for ids and body fingerprints. */
final class Hashes {

  private Hashes() {
  }

  /** SHA-256 over the parts, each length-prefixed so that ("ab","c") differs from ("a","bc"). */
  static byte[] sha256(String... parts) {
    MessageDigest digest = newDigest();
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
          (byte) (bytes.length >>> 8), (byte) bytes.length});
      digest.update(bytes);
    }
    return digest.digest();
  }

  static String sha256Hex(String... parts) {
    return HexFormat.of().formatHex(sha256(parts));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
