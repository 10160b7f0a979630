package io.dailyflow.common.auth;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys a verifier trusts, by {@code kid}: from a PEM file (one or more keys), from the
 * Auth API's JWKS URL, or both. A token with a kid the ring does not know triggers a reload, at
 * most once per {@code jwt.keys-refresh-floor-seconds}, so a rotated signing key is picked up
 * without a restart while forged kids cannot make a verifier hammer Auth. Keys are registered
 * for RS256 only.
 */
final class KeyRing {

  private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN PUBLIC KEY-----[^-]+-----END PUBLIC KEY-----");

  private record Keys(JWTAuth provider, Set<String> kids) {
  }

  private final Vertx vertx;
  private final JWTOptions verifyOptions;
  private final Path pemFile;
  private final String jwksUrl;
  private final WebClient web;
  private final long floorNanos;
  private volatile Keys keys;
  private long lastReloadNanos;
  private Future<Keys> reloading;

  /** A ring over one fixed provider (no reloads); every kid counts as known. */
  private KeyRing(JWTAuth provider) {
    this.vertx = null;
    this.verifyOptions = null;
    this.pemFile = null;
    this.jwksUrl = null;
    this.web = null;
    this.floorNanos = Long.MAX_VALUE;
    this.keys = new Keys(provider, null);
  }

  static KeyRing fixed(JWTAuth provider) {
    return new KeyRing(provider);
  }

  KeyRing(Vertx vertx, Config config, JWTOptions verifyOptions) {
    this.vertx = vertx;
    this.verifyOptions = verifyOptions;
    String path = config.optionalString(CommonKeys.JWT_PUBLIC_KEY_PATH);
    this.jwksUrl = config.optionalString(CommonKeys.JWT_JWKS_URL);
    this.pemFile = path == null ? null : Path.of(path);
    this.web = jwksUrl == null ? null : WebClient.create(vertx);
    this.floorNanos = TimeUnit.SECONDS.toNanos(
        Math.max(0, config.integer(CommonKeys.JWT_KEYS_REFRESH_FLOOR_SECONDS)));
    // The first PEM read happens once at start, before any request; JWKS loads asynchronously.
    List<PubSecKeyOptions> initial = jwksUrl == null
        ? fromPem(RsaKeys.readPem(pemFile, CommonKeys.JWT_PUBLIC_KEY_PATH.name()))
        : List.of();
    this.keys = build(initial);
    this.lastReloadNanos = System.nanoTime() - floorNanos;
    if (jwksUrl != null) {
      reload();
    }
  }

  boolean knows(String kid) {
    Set<String> kids = keys.kids();
    return kids == null || kids.contains(kid);
  }

  /** The provider to verify a token with {@code kid}: reloads first if the kid is new. */
  Future<JWTAuth> providerFor(String kid) {
    Keys current = keys;
    if (current.kids() == null || kid != null && current.kids().contains(kid)
        || !reloadAllowed()) {
      return Future.succeededFuture(current.provider());
    }
    return reload().map(Keys::provider);
  }

  private boolean reloadAllowed() {
    return reloading != null || System.nanoTime() - lastReloadNanos >= floorNanos;
  }

  static JWTAuth provider(Vertx vertx, JWTOptions verifyOptions, List<String> pems) {
    JWTAuthOptions auth = new JWTAuthOptions().setJWTOptions(verifyOptions);
    pems.forEach(pem -> fromPem(pem).forEach(auth::addPubSecKey));
    return JWTAuth.create(vertx, auth);
  }

  private synchronized Future<Keys> reload() {
    if (reloading != null) {
      return reloading;
    }
    lastReloadNanos = System.nanoTime();
    // Published before the loads start: they may complete on this very thread.
    Promise<Keys> done = Promise.promise();
    reloading = done.future();
    Future<List<PubSecKeyOptions>> pem = pemFile == null || jwksUrl != null
        ? Future.succeededFuture(List.of())
        : vertx.fileSystem().readFile(pemFile.toString()).map(b -> fromPem(b.toString()));
    Future<List<PubSecKeyOptions>> jwks = jwksUrl == null ? Future.succeededFuture(List.of())
        : web.getAbs(jwksUrl).timeout(2_000).send()
            .map(response -> fromJwks(response.bodyAsJsonObject()));
    Future.all(pem, jwks)
        .map(all -> {
          List<PubSecKeyOptions> options = new ArrayList<>(pem.result());
          options.addAll(jwks.result());
          Keys loaded = build(options);
          keys = loaded;
          LOG.info("Verification keys loaded: {}", loaded.kids());
          return loaded;
        })
        .otherwise(e -> {
          LOG.warn("Reloading verification keys failed, keeping {}: {}", keys.kids(), e.toString());
          return keys;
        })
        .onComplete(result -> {
          synchronized (this) {
            reloading = null;
          }
          done.complete(result.result());
        });
    return done.future();
  }

  private Keys build(List<PubSecKeyOptions> options) {
    JWTAuthOptions auth = new JWTAuthOptions().setJWTOptions(verifyOptions);
    Set<String> kids = new HashSet<>();
    for (PubSecKeyOptions option : options) {
      auth.addPubSecKey(option);
      kids.add(option.getId());
    }
    return new Keys(JWTAuth.create(vertx, auth), Set.copyOf(kids));
  }

  static List<PubSecKeyOptions> fromPem(String text) {
    List<PubSecKeyOptions> options = new ArrayList<>();
    Matcher matcher = PEM.matcher(text);
    while (matcher.find()) {
      options.add(rs256(matcher.group()));
    }
    return options;
  }

  private static List<PubSecKeyOptions> fromJwks(JsonObject jwks) {
    List<PubSecKeyOptions> options = new ArrayList<>();
    JsonArray list = jwks == null ? new JsonArray() : jwks.getJsonArray("keys", new JsonArray());
    for (Object entry : list) {
      if (entry instanceof JsonObject jwk && "RSA".equals(jwk.getString("kty"))
          && "RS256".equals(jwk.getString("alg", "RS256"))
          && "sig".equals(jwk.getString("use", "sig"))) {
        RSAPublicKey key = RsaKeys.fromJwk(jwk);
        options.add(rs256(RsaKeys.pem("PUBLIC KEY", key.getEncoded()))
            .setId(jwk.getString("kid", RsaKeys.keyId(key))));
      }
    }
    return options;
  }

  private static PubSecKeyOptions rs256(String pem) {
    RSAPublicKey key = RsaKeys.parsePublicKey(pem);
    return new PubSecKeyOptions().setAlgorithm("RS256").setId(RsaKeys.keyId(key)).setBuffer(pem);
  }
}
