package io.dailyflow.auth.keys;

import io.dailyflow.auth.AuthKeys;
import io.dailyflow.common.auth.RsaKeys;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigException;
import io.dailyflow.common.config.ConfigKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Auth API's RSA keys, loaded once at start: the private signing key, its public half (which
 * must be the file at {@code jwt.public-key-path} that the other services verify with) and, during
 * a key rotation, the previous public key (tokens it signed are still live) and/or the next one
 * (published before any process signs with it). Immutable; shared by the HTTP verticles.
 *
 * @param others published and accepted, never used to sign: previous, next, then any other key
 *     in the {@code jwt.public-key-path} file
 */
public record SigningKeys(String privatePem, PublicKeyFile current, List<PublicKeyFile> others) {

  private static final Pattern PEM_BLOCK = Pattern.compile(
      "-----BEGIN PUBLIC KEY-----[^-]+-----END PUBLIC KEY-----");

  /** A public key and the PEM it was read from. */
  public record PublicKeyFile(RSAPublicKey key, String pem) {
  }

  /** Reads (and, if configured and absent, creates) the key files. Blocking: run it on a worker. */
  public static SigningKeys load(Config config) {
    Path privatePath = config.path(AuthKeys.PRIVATE_KEY_PATH);
    Path publicPath = config.path(CommonKeys.JWT_PUBLIC_KEY_PATH);
    if (config.bool(AuthKeys.GENERATE_KEYS)) {
      KeyFiles.ensureKeyPair(privatePath, publicPath);
    }
    String privatePem = RsaKeys.readPem(privatePath, AuthKeys.PRIVATE_KEY_PATH.name());
    RSAPrivateCrtKey privateKey = KeyFiles.parsePrivateKey(privatePem,
        AuthKeys.PRIVATE_KEY_PATH.name());
    RSAPublicKey half = KeyFiles.publicHalf(privateKey);
    // The verifiers' file may hold several keys (current and previous): ours must be one of them.
    List<PublicKeyFile> inPublicFile = read(publicPath, CommonKeys.JWT_PUBLIC_KEY_PATH);
    PublicKeyFile current = inPublicFile.stream()
        .filter(key -> KeyFiles.sameKey(key.key(), half))
        .findFirst()
        .orElseThrow(() -> new ConfigException("The public key at '"
            + CommonKeys.JWT_PUBLIC_KEY_PATH.name() + "' (" + publicPath + ") is not the public "
            + "half of '" + AuthKeys.PRIVATE_KEY_PATH.name() + "' (" + privatePath
            + "): tokens would not verify anywhere"));
    List<PublicKeyFile> others = new ArrayList<>();
    Stream.concat(optional(config, AuthKeys.PREVIOUS_PUBLIC_KEY_PATH),
            Stream.concat(optional(config, AuthKeys.NEXT_PUBLIC_KEY_PATH), inPublicFile.stream()))
        .filter(key -> !KeyFiles.sameKey(key.key(), half))
        .filter(key -> others.stream().noneMatch(seen -> KeyFiles.sameKey(seen.key(), key.key())))
        .forEach(others::add);
    return new SigningKeys(privatePem, current, List.copyOf(others));
  }

  private static Stream<PublicKeyFile> optional(Config config, ConfigKey key) {
    String path = config.optionalString(key);
    return path == null ? Stream.empty() : read(Path.of(path), key).stream();
  }

  /** Every public key PEM block in the file. */
  private static List<PublicKeyFile> read(Path path, ConfigKey key) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigException("No key file at '" + key.name() + "' (" + path + ")");
    }
    String text = RsaKeys.readPem(path, key.name());
    List<PublicKeyFile> keys = PEM_BLOCK.matcher(text).results()
        .map(match -> new PublicKeyFile(RsaKeys.parsePublicKey(match.group()), match.group()))
        .toList();
    if (keys.isEmpty()) {
      throw new ConfigException("No PUBLIC KEY block in '" + key.name() + "' (" + path + ")");
    }
    return keys;
  }

  /** The {@code kid} put in the header of every token this process signs. */
  public String kid() {
    return RsaKeys.keyId(current.key());
  }

  /** What the JWKS lists: the current key first. */
  public List<RSAPublicKey> publishedKeys() {
    List<RSAPublicKey> keys = new ArrayList<>(List.of(current.key()));
    others.forEach(other -> keys.add(other.key()));
    return keys;
  }

  /** PEMs for {@code JwtAuthHandler.provider}: Auth's own routes accept every published key. */
  public List<String> verificationPems() {
    List<String> pems = new ArrayList<>(List.of(current.pem()));
    others.forEach(other -> pems.add(other.pem()));
    return pems;
  }

  @Override
  public String toString() {
    return "SigningKeys[kid=" + kid() + ", also published=" + others.stream()
        .map(other -> RsaKeys.keyId(other.key())).toList() + "]";
  }
}
