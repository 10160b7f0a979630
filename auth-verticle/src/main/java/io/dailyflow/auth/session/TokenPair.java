package io.dailyflow.auth.session;

import io.vertx.core.json.JsonObject;

/** The token response of login and refresh, with the OAuth 2 field names. */
public record TokenPair(String accessToken, int expiresInSeconds, String refreshToken) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("access_token", accessToken)
        .put("token_type", "Bearer")
        .put("expires_in", expiresInSeconds)
        .put("refresh_token", refreshToken);
  }

  @Override
  public String toString() {
    return "TokenPair[expiresIn=" + expiresInSeconds + "]";
  }
}
