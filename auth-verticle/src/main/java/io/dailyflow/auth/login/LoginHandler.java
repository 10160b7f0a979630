package io.dailyflow.auth.login;

import io.dailyflow.auth.login.LoginService.Attempt;
import io.dailyflow.auth.session.TokenResponses;
import io.dailyflow.common.http.JsonBodies;
import io.dailyflow.common.http.RequestIds;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /auth/login} {@code {"username","password"}} -> 200 token pair, 401, 429. */
public final class LoginHandler implements Handler<RoutingContext> {

  private final LoginService logins;
  private final boolean trustForwardedFor;

  public LoginHandler(LoginService logins, boolean trustForwardedFor) {
    this.logins = logins;
    this.trustForwardedFor = trustForwardedFor;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Credentials credentials = Credentials.from(JsonBodies.object(ctx));
    Attempt attempt = new Attempt(credentials,
        ClientAddress.of(ctx.request(), trustForwardedFor), RequestIds.of(ctx));
    logins.login(attempt)
        .onSuccess(tokens -> TokenResponses.send(ctx, tokens))
        .onFailure(ctx::fail);
  }
}
