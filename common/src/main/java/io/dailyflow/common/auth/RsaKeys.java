package io.dailyflow.common.auth;

import io.dailyflow.common.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA key files in PEM: PKCS#8 private keys (what vertx-auth-jwt accepts) and X.509 public keys.
 * Key ids are RFC 7638 thumbprints, so the signer and every verifier derive the same {@code kid}
 * from the key itself without sharing configuration.
 */
public final class RsaKeys {

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private RsaKeys() {
  }

  /**
   * Creates a 2048-bit key pair at {@code privateKey} / {@code publicKey} if the private key is
   * absent: the local run's keys, never committed. Processes that race (two services starting at
   * once) serialise on a lock file beside the private key, so the pair always matches.
   */
  public static void ensureKeyPair(Path privateKey, Path publicKey) {
    if (Files.exists(privateKey)) {
      return;
    }
    try {
      Path dir = privateKey.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.createDirectories(publicKey.toAbsolutePath().getParent());
      try (FileChannel lockFile = FileChannel.open(dir.resolve(".keys.lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = lockFile.lock()) {
        if (Files.exists(privateKey)) {
          return;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        writeOnce(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        writeOnce(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("Cannot create RSA key pair at " + privateKey + ": " + e);
    }
  }

  private static void writeOnce(Path target, String content) throws IOException {
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".key", ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // Not a POSIX file system: keep the platform default.
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  public static String readPem(Path file, String configKey) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException("Cannot read key file " + file + " (configuration key '"
          + configKey + "'): " + e.getMessage());
    }
  }

  public static RSAPublicKey parsePublicKey(String pem) {
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem
          .replace("-----BEGIN PUBLIC KEY-----", "")
          .replace("-----END PUBLIC KEY-----", "")
          .strip());
      return (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new ConfigException("Not an RSA public key in X.509 PEM form: " + e.getMessage());
    }
  }

  /** RFC 7638 JWK thumbprint: the {@code kid} of this key everywhere in DailyFlow. */
  public static String keyId(RSAPublicKey key) {
    String canonical = "{\"e\":\"" + b64(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
        + b64(key.getModulus()) + "\"}";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8));
      return B64URL.encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** An RSA public key from its JWK form ({@code n}, {@code e} in base64url). */
  public static RSAPublicKey fromJwk(JsonObject jwk) {
    try {
      Base64.Decoder decoder = Base64.getUrlDecoder();
      BigInteger modulus = new BigInteger(1, decoder.decode(jwk.getString("n")));
      BigInteger exponent = new BigInteger(1, decoder.decode(jwk.getString("e")));
      return (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new java.security.spec.RSAPublicKeySpec(modulus, exponent));
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      throw new ConfigException("Not an RSA JWK: " + e.getMessage());
    }
  }

  /** The public JWK as published on {@code /.well-known/jwks.json}. */
  public static JsonObject toJwk(RSAPublicKey key) {
    return new JsonObject()
        .put("kty", "RSA")
        .put("kid", keyId(key))
        .put("use", "sig")
        .put("alg", "RS256")
        .put("n", b64(key.getModulus()))
        .put("e", b64(key.getPublicExponent()));
  }

  public static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** Unsigned big-endian base64url, as JWK wants for {@code n} and {@code e}. */
  private static String b64(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      bytes = trimmed;
    }
    return B64URL.encodeToString(bytes);
  }
}
