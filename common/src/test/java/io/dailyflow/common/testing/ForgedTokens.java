package io.dailyflow.common.testing;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-made JWTs for attack tests: any header, any claims, signed RS256 with a given key, HS256
 * with a given secret, or not at all.
 */
public final class ForgedTokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private ForgedTokens() {
  }

  public static String unsigned(JsonObject header, JsonObject claims) {
    return encode(header) + "." + encode(claims) + ".";
  }

  public static String rs256(JsonObject header, JsonObject claims, String privateKeyPem) {
    String input = encode(header) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(privateKey(privateKeyPem));
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hs256(JsonObject header, JsonObject claims, byte[] secret) {
    String input = encode(header) + "." + encode(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims the product accepts, valid for 15 minutes from now. */
  public static JsonObject validClaims(String userId, String company) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject()
        .put("iss", "dailyflow-auth")
        .put("aud", "dailyflow")
        .put("sub", userId)
        .put("username", userId)
        .put("company", company)
        .put("roles", new io.vertx.core.json.JsonArray().add("merchant"))
        .put("iat", now)
        .put("exp", now + 900)
        .put("jti", java.util.UUID.randomUUID().toString());
  }

  public static JsonObject header(String alg, String kid) {
    JsonObject header = new JsonObject().put("alg", alg).put("typ", "JWT");
    return kid == null ? header : header.put("kid", kid);
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    byte[] der = Base64.getMimeDecoder().decode(pem
        .replace("-----BEGIN PRIVATE KEY-----", "")
        .replace("-----END PRIVATE KEY-----", "")
        .strip());
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
