package io.dailyflow.auth;

import io.dailyflow.common.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;

/** A test client speaking the Auth API's contract over a real socket. */
public final class AuthClient {

  private final WebClient web;
  private final int port;

  public AuthClient(Vertx vertx, Config config) {
    this.web = WebClient.create(vertx);
    this.port = config.port(AuthKeys.HTTP_PORT);
  }

  public HttpRequest<Buffer> post(String path) {
    return web.post(port, "127.0.0.1", path);
  }

  public HttpRequest<Buffer> get(String path) {
    return web.get(port, "127.0.0.1", path);
  }

  /** A login from a fresh client address, so address throttling stays out of the way. */
  public Future<HttpResponse<Buffer>> login(String username, String password) {
    return login(username, password, "client-" + UUID.randomUUID());
  }

  public Future<HttpResponse<Buffer>> login(String username, String password, String address) {
    return post("/auth/login")
        .putHeader("X-Forwarded-For", address)
        .sendJsonObject(new JsonObject().put("username", username).put("password", password));
  }

  /** Logs in and returns the token response body; fails unless the answer is 200. */
  public Future<JsonObject> tokens(String username, String password) {
    return login(username, password).map(response -> {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("login of " + username + " answered "
            + response.statusCode() + " " + response.bodyAsString());
      }
      return response.bodyAsJsonObject();
    });
  }

  public Future<String> accessToken(String username, String password) {
    return tokens(username, password).map(body -> body.getString("access_token"));
  }

  public Future<HttpResponse<Buffer>> refresh(String refreshToken) {
    return post("/auth/refresh")
        .sendJsonObject(new JsonObject().put("refresh_token", refreshToken));
  }

  public Future<HttpResponse<Buffer>> logout(String refreshToken) {
    return post("/auth/logout")
        .sendJsonObject(new JsonObject().put("refresh_token", refreshToken));
  }

  public Future<HttpResponse<Buffer>> createUser(String accessToken, JsonObject body) {
    return post("/auth/users").bearerTokenAuthentication(accessToken).sendJsonObject(body);
  }

  public Future<HttpResponse<Buffer>> disableUser(String accessToken, String userId) {
    return post("/auth/users/" + userId + "/disable").bearerTokenAuthentication(accessToken)
        .send();
  }

  public void close() {
    web.close();
  }
}
