package io.dailyflow.auth.keys;

import io.dailyflow.common.auth.RsaKeys;
import io.dailyflow.common.config.ConfigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/** Blocking file work on the signing key: generation under a lock, PKCS#8 parsing. */
final class KeyFiles {

  private static final Object IN_PROCESS_LOCK = new Object();

  private KeyFiles() {
  }

  /**
   * {@link RsaKeys#ensureKeyPair} under an exclusive file lock, so that two Auth processes
   * starting at once on the same key directory cannot interleave two pairs (one's public key
   * with the other's private key): the second one waits, then finds the first one's pair.
   */
  static void ensureKeyPair(Path privateKey, Path publicKey) {
    if (Files.exists(privateKey)) {
      return;
    }
    Path lockFile = privateKey.toAbsolutePath().resolveSibling(privateKey.getFileName() + ".lock");
    synchronized (IN_PROCESS_LOCK) {
      try {
        Files.createDirectories(lockFile.getParent());
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE)) {
          FileLock lock = channel.lock();
          try {
            RsaKeys.ensureKeyPair(privateKey, publicKey);
          } finally {
            lock.release();
          }
        }
      } catch (IOException e) {
        throw new ConfigException("Cannot create the signing key pair next to " + privateKey
            + ": " + e.getMessage());
      }
    }
  }

  /** Parses a PKCS#8 RSA private key ("BEGIN PRIVATE KEY", what vertx-auth-jwt takes). */
  static RSAPrivateCrtKey parsePrivateKey(String pem, String configKey) {
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new ConfigException("The key named by '" + configKey + "' must be an unencrypted "
          + "PKCS#8 PEM (BEGIN PRIVATE KEY); convert with: openssl pkcs8 -topk8 -nocrypt");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem
          .replace("-----BEGIN PRIVATE KEY-----", "")
          .replace("-----END PRIVATE KEY-----", "")
          .strip());
      return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      // The exception text never contains key material.
      throw new ConfigException("The key named by '" + configKey
          + "' is not an RSA private key: " + e.getClass().getSimpleName());
    }
  }

  static RSAPublicKey publicHalf(RSAPrivateCrtKey key) {
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is missing from this JVM", e);
    }
  }

  static boolean sameKey(RSAPublicKey a, RSAPublicKey b) {
    return a.getModulus().equals(b.getModulus())
        && a.getPublicExponent().equals(b.getPublicExponent());
  }
}
