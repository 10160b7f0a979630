package io.dailyflow.common.testing;

import io.dailyflow.common.auth.RsaKeys;
import io.dailyflow.common.config.CommonKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A throwaway RSA key pair in a temp directory and tokens signed with it, shaped exactly like the
 * Auth API's, so a service can be tested without the Auth API. {@link #config()} points
 * {@code jwt.public-key-path} at the public key.
 */
public final class TestTokens {

  private final Path publicKey;
  private final String privatePem;
  private final String kid;
  private final JWTAuth signer;

  public TestTokens(Vertx vertx) {
    try {
      Path dir = Files.createTempDirectory("dailyflow-keys");
      Path privateKey = dir.resolve("private.pem");
      publicKey = dir.resolve("public.pem");
      RsaKeys.ensureKeyPair(privateKey, publicKey);
      privatePem = Files.readString(privateKey);
      kid = RsaKeys.keyId(RsaKeys.parsePublicKey(Files.readString(publicKey)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("RS256").setId(kid).setBuffer(privatePem)));
  }

  public Map<String, Object> config() {
    return Map.of(CommonKeys.JWT_PUBLIC_KEY_PATH.name(), publicKey.toString());
  }

  public Path publicKeyPath() {
    return publicKey;
  }

  public String privateKeyPem() {
    return privatePem;
  }

  public String kid() {
    return kid;
  }

  /** A valid 15-minute access token for a user of {@code company} with the given roles. */
  public String token(String userId, String company, String... roles) {
    return sign(claims(userId, company, roles), new JWTOptions().setExpiresInMinutes(15));
  }

  public JsonObject claims(String userId, String company, String... roles) {
    return new JsonObject()
        .put("sub", userId)
        .put("username", userId)
        .put("company", company)
        .put("roles", new JsonArray(List.of(roles)))
        .put("jti", UUID.randomUUID().toString());
  }

  /** Signs {@code claims}; iss and aud are the product's unless the options override them. */
  public String sign(JsonObject claims, JWTOptions options) {
    JWTOptions effective = new JWTOptions(options).setAlgorithm("RS256");
    if (effective.getIssuer() == null) {
      effective.setIssuer("dailyflow-auth");
    }
    if (effective.getAudience() == null || effective.getAudience().isEmpty()) {
      effective.setAudience(List.of("dailyflow"));
    }
    return signer.generateToken(claims, effective);
  }
}
