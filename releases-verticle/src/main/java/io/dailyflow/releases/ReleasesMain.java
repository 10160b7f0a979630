package io.dailyflow.releases;

import io.dailyflow.common.launch.ServiceLauncher;

/** {@code java -jar releases-verticle.jar}: the Releases API alone, configured by conf/ and env. */
public final class ReleasesMain {

  private ReleasesMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.run("releases", ReleasesKeys.ALL, ReleasesRootVerticle::new,
        "common", "releases");
  }
}
