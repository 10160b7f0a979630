package io.dailyflow.releases;

import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestPorts;
import io.dailyflow.common.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HashMap;
import java.util.Map;

/** The Releases API deployed as its main does (root verticle), and an HTTP client for it. */
public final class TestApp {

  public static final String COMPANY = "company-a";
  public static final String OTHER_COMPANY = "company-b";

  private final WebClient client;
  private final int port;
  private final TestTokens tokens;

  private TestApp(WebClient client, int port, TestTokens tokens) {
    this.client = client;
    this.port = port;
    this.tokens = tokens;
  }

  /** Deploys a root verticle with {@code config} plus a free port and the tokens' key. */
  public static Future<TestApp> deploy(Vertx vertx, Config config) {
    TestTokens tokens = new TestTokens(vertx);
    int port = TestPorts.free();
    Map<String, Object> overrides = new HashMap<>(tokens.config());
    overrides.put(ReleasesKeys.HTTP_PORT.name(), port);
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(port).setIdleTimeout(20));
    return vertx.deployVerticle(new ReleasesRootVerticle(config.with(overrides)))
        .map(id -> new TestApp(client, port, tokens));
  }

  public TestTokens tokens() {
    return tokens;
  }

  public int port() {
    return port;
  }

  public String merchant() {
    return tokens.token("user-a", COMPANY, "merchant");
  }

  public String otherMerchant() {
    return tokens.token("user-b", OTHER_COMPANY, "merchant");
  }

  public String viewer() {
    return tokens.token("viewer-a", COMPANY, "viewer");
  }

  public HttpRequest<Buffer> request(HttpMethod method, String uri, String token) {
    HttpRequest<Buffer> request = client.request(method, uri);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request;
  }

  public Future<HttpResponse<Buffer>> post(String token, JsonObject body) {
    return request(HttpMethod.POST, "/releases", token).sendJsonObject(body);
  }

  public Future<HttpResponse<Buffer>> post(String token, JsonObject body, String idempotencyKey) {
    return request(HttpMethod.POST, "/releases", token)
        .putHeader("Idempotency-Key", idempotencyKey)
        .sendJsonObject(body);
  }

  public Future<HttpResponse<Buffer>> reverse(String token, String id) {
    return request(HttpMethod.POST, "/releases/" + id + "/reversal", token).send();
  }

  public Future<HttpResponse<Buffer>> get(String token, String uri) {
    return request(HttpMethod.GET, uri, token).send();
  }

  public static JsonObject release(String description, Object amount) {
    return new JsonObject().put("description", description).put("amount", amount);
  }
}
