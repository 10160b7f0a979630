package io.dailyflow.auth.keys;

import io.dailyflow.auth.AuthKeys;
import io.dailyflow.auth.user.User;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;
import java.util.UUID;

/**
 * Signs access tokens: RS256 with the one private key, header {@code kid} = the key's RFC 7638
 * thumbprint (vertx-auth-jwt writes the {@code PubSecKeyOptions} id as {@code kid}), claims
 * exactly {@code iss aud sub username company roles iat exp jti}. One instance per verticle.
 */
public final class AccessTokens {

  private final JWTAuth signer;
  private final JWTOptions options;
  private final int ttlSeconds;

  public AccessTokens(Vertx vertx, Config config, SigningKeys keys) {
    this.ttlSeconds = config.positiveInt(AuthKeys.ACCESS_TOKEN_TTL_SECONDS);
    // Only the private key is registered: JWT.sign picks among the signing keys at random.
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("RS256")
        .setId(keys.kid())
        .setBuffer(keys.privatePem())));
    this.options = new JWTOptions()
        .setAlgorithm("RS256")
        .setIssuer(config.string(CommonKeys.JWT_ISSUER))
        .setAudience(List.of(config.string(CommonKeys.JWT_AUDIENCE)))
        .setExpiresInSeconds(ttlSeconds);
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  /** A new access token for {@code user}; {@code iat} and {@code exp} are set by the signer. */
  public String issue(User user) {
    JsonObject claims = new JsonObject()
        .put("sub", user.id())
        .put("username", user.username())
        .put("company", user.companyId())
        .put("roles", new JsonArray(user.roles()))
        .put("jti", UUID.randomUUID().toString());
    return signer.generateToken(claims, options);
  }
}
