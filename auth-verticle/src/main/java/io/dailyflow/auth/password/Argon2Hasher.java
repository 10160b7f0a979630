package io.dailyflow.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (BouncyCastle) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, the format of the reference
 * implementation, so the parameters travel with each hash. CPU- and memory-bound: call it only
 * from a worker thread ({@link Passwords} does).
 */
public final class Argon2Hasher {

  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  private static final String PREFIX = "$argon2id$v=19$";
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private final Argon2Params params;
  private final SecureRandom random = new SecureRandom();

  public Argon2Hasher(Argon2Params params) {
    this.params = params;
  }

  public Argon2Params params() {
    return params;
  }

  /** A new hash of {@code password} with a fresh random salt and the current parameters. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, params, HASH_BYTES);
    return PREFIX + "m=" + params.memoryKib() + ",t=" + params.iterations() + ",p="
        + params.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /**
   * True when {@code password} matches {@code encoded}; compares in constant time. A malformed
   * hash never matches (and never throws).
   */
  public boolean verify(String encoded, String password) {
    Optional<Decoded> decoded = decode(encoded);
    if (decoded.isEmpty()) {
      return false;
    }
    Decoded d = decoded.get();
    byte[] actual = derive(password, d.salt(), d.params(), d.hash().length);
    return MessageDigest.isEqual(actual, d.hash());
  }

  /** True when {@code encoded} was made with parameters below the current ones (or is garbage). */
  public boolean needsRehash(String encoded) {
    return decode(encoded).map(d -> d.params().weakerThan(params)).orElse(true);
  }

  /** The parameters stored in a hash, if it is a well-formed Argon2id PHC string. */
  public static Optional<Argon2Params> paramsOf(String encoded) {
    return decode(encoded).map(Decoded::params);
  }

  private static byte[] derive(String password, byte[] salt, Argon2Params p, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(p.memoryKib())
        .withIterations(p.iterations())
        .withParallelism(p.parallelism())
        .withSalt(salt)
        .build());
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(secret, out);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return out;
  }

  private record Decoded(Argon2Params params, byte[] salt, byte[] hash) {
  }

  private static Optional<Decoded> decode(String encoded) {
    if (encoded == null || !encoded.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      Argon2Params params = parseParams(parts[0]);
      byte[] salt = B64_DECODER.decode(parts[1]);
      byte[] hash = B64_DECODER.decode(parts[2]);
      if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
        return Optional.empty();
      }
      return Optional.of(new Decoded(params, salt, hash));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Argon2Params parseParams(String text) {
    String[] fields = text.split(",", -1);
    if (fields.length != 3 || !fields[0].startsWith("m=") || !fields[1].startsWith("t=")
        || !fields[2].startsWith("p=")) {
      throw new IllegalArgumentException("not m=,t=,p=");
    }
    return new Argon2Params(Integer.parseInt(fields[0].substring(2)),
        Integer.parseInt(fields[1].substring(2)), Integer.parseInt(fields[2].substring(2)));
  }
}
