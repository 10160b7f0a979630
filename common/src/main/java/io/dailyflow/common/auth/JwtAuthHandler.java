package io.dailyflow.common.auth;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.Problems;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JWT check of the product. Needs only public keys: accepts RS256 tokens whose signature
 * verifies with a registered key (picked by {@code kid}) and whose {@code iss}, {@code aud},
 * {@code exp} and {@code nbf} are right within the configured leeway. Puts the {@link Caller} on
 * the routing context; anything else is a 401 problem. Keys are registered for RS256 only, so a
 * token "signed" with {@code none} or with HS256 over the public key cannot verify.
 */
public final class JwtAuthHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(JwtAuthHandler.class);
  private static final String BEARER = "Bearer ";
  private static final int MAX_TOKEN_LENGTH = 8_192;

  private final JWTAuth jwt;

  public JwtAuthHandler(JWTAuth jwt) {
    this.jwt = jwt;
  }

  /** Verifier over the public key file named by {@code jwt.public-key-path}. */
  public static JwtAuthHandler create(Vertx vertx, Config config) {
    String pem = RsaKeys.readPem(config.path(CommonKeys.JWT_PUBLIC_KEY_PATH),
        CommonKeys.JWT_PUBLIC_KEY_PATH.name());
    return new JwtAuthHandler(provider(vertx, config, List.of(pem)));
  }

  /** A verifying provider over the given X.509 PEM public keys; each is registered by its kid. */
  public static JWTAuth provider(Vertx vertx, Config config, List<String> publicKeyPems) {
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(verifyOptions(config));
    for (String pem : publicKeyPems) {
      RSAPublicKey key = RsaKeys.parsePublicKey(pem);
      options.addPubSecKey(new PubSecKeyOptions()
          .setAlgorithm("RS256")
          .setId(RsaKeys.keyId(key))
          .setBuffer(pem));
    }
    return JWTAuth.create(vertx, options);
  }

  static JWTOptions verifyOptions(Config config) {
    return new JWTOptions()
        .setAlgorithm("RS256")
        .setIssuer(config.string(CommonKeys.JWT_ISSUER))
        .setAudience(List.of(config.string(CommonKeys.JWT_AUDIENCE)))
        .setLeeway(config.integer(CommonKeys.JWT_LEEWAY_SECONDS));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      Problems.send(ctx, Problem.unauthorized("A bearer token is required"));
      return;
    }
    String token = header.substring(BEARER.length()).strip();
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      Problems.send(ctx, Problem.unauthorized("The bearer token is not valid"));
      return;
    }
    jwt.authenticate(new TokenCredentials(token))
        .map(JwtAuthHandler::toCaller)
        .onSuccess(caller -> {
          caller.attachTo(ctx);
          ctx.next();
        })
        .onFailure(e -> {
          LOG.debug("Token refused: {}", e.getMessage());
          Problems.send(ctx, Problem.unauthorized("The bearer token is not valid"));
        });
  }

  private static Caller toCaller(User user) {
    // vertx-auth-jwt keeps the full verified payload under attributes.accessToken; the principal
    // lacks exp and iat.
    JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
    String subject = claims.getValue("sub") instanceof String s ? s : null;
    String company = claims.getValue("company") instanceof String c ? c : null;
    if (subject == null || subject.isBlank() || company == null || company.isBlank()
        || !(claims.getValue("exp") instanceof Number)) {
      throw new IllegalArgumentException("token lacks sub, company or exp");
    }
    Object username = claims.getValue("username");
    Object roles = claims.getValue("roles");
    List<String> roleList = roles instanceof JsonArray array
        ? array.stream().filter(String.class::isInstance).map(String.class::cast).toList()
        : List.of();
    return new Caller(subject, username instanceof String u ? u : subject, company, roleList);
  }
}
