package io.dailyflow.auth;

import io.dailyflow.common.launch.ServiceLauncher;

/** {@code java -jar auth-verticle/target/auth-verticle.jar}: the Auth API alone. */
public final class AuthMain {

  private AuthMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.run("auth", AuthKeys.ALL, AuthRootVerticle::new, "common", "auth");
  }
}
