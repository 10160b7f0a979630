package io.dailyflow.common.auth;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.logging.LogContext;
import io.dailyflow.common.http.Problems;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JWT check of the product. Needs only public keys ({@link KeyRing}: PEM file and/or the
 * Auth API's JWKS): accepts RS256 tokens whose signature verifies with the key named by their
 * {@code kid} and whose {@code iss}, {@code aud}, {@code exp} and {@code nbf} are right within the
 * configured leeway (at most 30 s). Puts the {@link Caller} on the routing context; anything else
 * is a 401 problem. Keys are registered for RS256 only, so a token "signed" with {@code none} or
 * with HS256 over the public key cannot verify.
 *
 * <p>A verified token is remembered until its {@code exp} (and only while its key is still
 * trusted), so a client sending the same token many times is verified once. Access tokens are
 * stateless and not revocable before expiry anyway, so this changes no revocation semantics.
 */
public final class JwtAuthHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(JwtAuthHandler.class);
  private static final String BEARER = "Bearer ";
  private static final int MAX_TOKEN_LENGTH = 8_192;
  private static final int MAX_HEADER_LENGTH = MAX_TOKEN_LENGTH + BEARER.length();
  private static final int MAX_LEEWAY_SECONDS = 30;

  private record Verified(Caller caller, String kid, long expiresAtSeconds) {
  }

  private final KeyRing keys;
  private final int leewaySeconds;
  private final int cacheSize;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private JwtAuthHandler(KeyRing keys, int leewaySeconds, int cacheSize) {
    this.keys = keys;
    this.leewaySeconds = leewaySeconds;
    this.cacheSize = cacheSize;
  }

  /** A handler over a fixed provider (the Auth API's own routes use its signing keys). */
  public JwtAuthHandler(JWTAuth provider) {
    this(KeyRing.fixed(provider), MAX_LEEWAY_SECONDS, 0);
  }

  /** A verifier over {@code jwt.public-key-path} and/or {@code jwt.jwks-url}. */
  public static JwtAuthHandler create(Vertx vertx, Config config) {
    return new JwtAuthHandler(new KeyRing(vertx, config, verifyOptions(config)),
        leeway(config), config.integer(CommonKeys.JWT_CACHE_SIZE));
  }

  /** A verifying provider over the given X.509 PEM public keys, each registered by its kid. */
  public static JWTAuth provider(Vertx vertx, Config config, List<String> publicKeyPems) {
    return KeyRing.provider(vertx, verifyOptions(config), publicKeyPems);
  }

  private static int leeway(Config config) {
    return Math.min(config.integer(CommonKeys.JWT_LEEWAY_SECONDS), MAX_LEEWAY_SECONDS);
  }

  private static JWTOptions verifyOptions(Config config) {
    return new JWTOptions()
        .setAlgorithm("RS256")
        .setIssuer(config.string(CommonKeys.JWT_ISSUER))
        .setAudience(List.of(config.string(CommonKeys.JWT_AUDIENCE)))
        .setLeeway(leeway(config));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      Problems.send(ctx, Problem.unauthorized("A bearer token is required"));
      return;
    }
    // Remembered by the whole header value: the same token sent again is found without
    // copying it out of the header first (a token is ~700 characters).
    Verified known = header.length() <= MAX_HEADER_LENGTH ? verified.get(header) : null;
    long now = System.currentTimeMillis() / 1000;
    if (known != null && now <= known.expiresAtSeconds() + leewaySeconds
        && keys.knows(known.kid())) {
      proceed(ctx, known.caller());
      return;
    }
    String token = header.substring(BEARER.length()).strip();
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      refuse(ctx, "empty or oversized token");
      return;
    }
    String kid = kidOf(token);
    keys.providerFor(kid)
        .compose(provider -> provider.authenticate(new TokenCredentials(token)))
        .map(user -> remember(header, kid, user))
        .onSuccess(caller -> proceed(ctx, caller))
        .onFailure(e -> refuse(ctx, e.getMessage()));
  }

  private static void proceed(RoutingContext ctx, Caller caller) {
    caller.attachTo(ctx);
    LogContext.bind(LogContext.COMPANY, caller.companyId());
    LogContext.bind(LogContext.USER, caller.userId());
    ctx.next();
  }

  private static void refuse(RoutingContext ctx, String reason) {
    LOG.debug("Token refused: {}", reason);
    Problems.send(ctx, Problem.unauthorized("The bearer token is not valid"));
  }

  private Caller remember(String header, String kid, User user) {
    // vertx-auth-jwt keeps the full verified payload under attributes.accessToken; the principal
    // lacks exp and iat.
    JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
    Caller caller = toCaller(claims);
    if (cacheSize > 0 && kid != null) {
      if (verified.size() >= cacheSize) {
        verified.clear();
      }
      verified.put(header, new Verified(caller, kid, claims.getLong("exp")));
    }
    return caller;
  }

  private static Caller toCaller(JsonObject claims) {
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

  /** The {@code kid} of the token's header, or null if absent or unreadable. */
  static String kidOf(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || dot > 2_048) {
      return null;
    }
    try {
      byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
      Object kid = new JsonObject(new String(header, StandardCharsets.UTF_8)).getValue("kid");
      return kid instanceof String s && s.length() <= 256 ? s : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
