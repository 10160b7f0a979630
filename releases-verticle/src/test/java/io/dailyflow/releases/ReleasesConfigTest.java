package io.dailyflow.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigException;
import io.dailyflow.common.config.ConfigKey;
import io.dailyflow.common.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleasesConfigTest {

  private static Path confDir() {
    return Path.of(System.getProperty("dailyflow.repo.root", ".."), "conf");
  }

  @Test
  void theShippedConfigurationGivesEveryKeyAValidValue() {
    Config config = new ConfigLoader(confDir(), Map.of())
        .load(ReleasesKeys.ALL, "common", "releases");
    assertThat(config.port(ReleasesKeys.HTTP_PORT)).isEqualTo(8082);
    assertThat(config.positiveInt(ReleasesKeys.PUBLISH_TIMEOUT_MS)).isEqualTo(2_000);
    for (ConfigKey key : ReleasesKeys.ALL) {
      assertThat(config.has(key)).as(key.name()).isTrue();
    }
    assertThat(WriterRoles.from(config)).isNotNull();
  }

  @Test
  void environmentOverridesTheFiles() {
    Config config = new ConfigLoader(confDir(), Map.of(
        "DAILYFLOW_RELEASES_HTTP_PORT", "9182",
        "DAILYFLOW_RELEASES_WRITER_ROLES", "[\"merchant\"]"))
        .load(ReleasesKeys.ALL, "common", "releases");
    assertThat(config.port(ReleasesKeys.HTTP_PORT)).isEqualTo(9182);
    assertThat(config.array(ReleasesKeys.WRITER_ROLES)).containsExactly("merchant");
  }

  @Test
  void anInvalidValueFailsNamingItsKey() {
    Config config = new ConfigLoader(confDir(), Map.of(
        "DAILYFLOW_RELEASES_PUBLISH_TIMEOUT_MS", "soon"))
        .load(ReleasesKeys.ALL, "common", "releases");
    assertThatThrownBy(() -> config.positiveInt(ReleasesKeys.PUBLISH_TIMEOUT_MS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("releases.publish-timeout-ms");
  }
}
