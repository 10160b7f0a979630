package io.dailyflow.bench.jmh;

import io.dailyflow.common.auth.RsaKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token verification: a full RS256 verify with vertx-auth-jwt configured as the shared handler
 * configures it (RS256 pinned, iss, aud, leeway), and the cache-hit path the handler takes for a
 * token it has already verified (a ConcurrentHashMap lookup keyed by the token text plus an
 * expiry compare: the same operations as JwtAuthHandler.handle before it calls ctx.next()).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TokenBench {

  private record Verified(String company, long exp) {
  }

  private Vertx vertx;
  private JWTAuth verifier;
  private String token;
  private final Map<String, Verified> cache = new ConcurrentHashMap<>();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    Path dir = Files.createTempDirectory("bench-keys");
    Path privateKey = dir.resolve("private.pem");
    Path publicKey = dir.resolve("public.pem");
    RsaKeys.ensureKeyPair(privateKey, publicKey);
    String publicPem = Files.readString(publicKey);
    String kid = RsaKeys.keyId(RsaKeys.parsePublicKey(publicPem));
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("RS256").setId(kid)
            .setBuffer(Files.readString(privateKey))));
    token = signer.generateToken(new JsonObject().put("sub", "user-1").put("username", "u")
            .put("company", "company-a").put("roles", new JsonArray().add("merchant")),
        new JWTOptions().setAlgorithm("RS256").setIssuer("dailyflow-auth")
            .setAudience(List.of("dailyflow")).setExpiresInMinutes(15));
    verifier = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setId(kid).setBuffer(publicPem))
        .setJWTOptions(new JWTOptions().setAlgorithm("RS256").setIssuer("dailyflow-auth")
            .setAudience(List.of("dailyflow")).setLeeway(30)));
    cache.put(token, new Verified("company-a", System.currentTimeMillis() / 1000 + 900));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    vertx.close().await();
  }

  /** Full RS256 verification (vertx-auth-jwt completes synchronously on the calling thread). */
  @Benchmark
  public Object verifyRs256() {
    return verifier.authenticate(new TokenCredentials(token)).result();
  }

  /** The handler's cache-hit path: lookup by token text, expiry check. */
  @Benchmark
  public Object cacheHit() {
    Verified known = cache.get(token);
    return known != null && System.currentTimeMillis() / 1000 <= known.exp() + 30 ? known : null;
  }
}
