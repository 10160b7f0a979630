package io.dailyflow.consolidated;

import io.dailyflow.common.launch.ServiceLauncher;

/** {@code java -jar consolidated-verticle.jar}: the Consolidated API alone. */
public final class ConsolidatedMain {

  private ConsolidatedMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.run("consolidated", ConsolidatedKeys.ALL, ConsolidatedRootVerticle::new,
        "common", "consolidated");
  }
}
