package io.dailyflow.local.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.config.ConfigKey;
import io.dailyflow.common.config.ConfigLoader;
import io.dailyflow.local.LocalApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/configuration.md} complete: every key of every service, with its variable. */
class ConfigurationReferenceTest {

  /** A table row of the reference: | `key` | default | `ENV_VAR` | meaning |. */
  private static final Pattern ROW = Pattern.compile(
      "^\\|\\s*`([a-z0-9.-]+)`\\s*\\|[^|]*\\|\\s*`(DAILYFLOW_[A-Z0-9_]+)`\\s*\\|", Pattern.MULTILINE);

  private static String reference() throws Exception {
    Path repo = Path.of(System.getProperty("dailyflow.repo.root", ".."));
    return Files.readString(repo.resolve("docs/configuration.md"));
  }

  @Test
  void everyKeyOfEveryServiceHasARowWithItsEnvironmentVariable() throws Exception {
    String reference = reference();
    List<String> missing = LocalApp.ALL_KEYS.stream()
        .filter(key -> !Pattern.compile("^\\|\\s*`" + Pattern.quote(key.name()) + "`\\s*\\|[^|]*\\|\\s*`"
            + Pattern.quote(key.envName()) + "`\\s*\\|", Pattern.MULTILINE)
            .matcher(reference).find())
        .map(ConfigKey::name)
        .toList();
    assertThat(missing).as("keys without a row in docs/configuration.md").isEmpty();
  }

  @Test
  void everyDocumentedKeyExistsAndNamesTheVariableTheLoaderReads() throws Exception {
    Matcher rows = ROW.matcher(reference());
    int count = 0;
    while (rows.find()) {
      count++;
      String name = rows.group(1);
      ConfigKey key = LocalApp.ALL_KEYS.stream().filter(k -> k.name().equals(name)).findFirst()
          .orElse(null);
      assertThat(key).as("documented key %s exists in a *Keys class", name).isNotNull();
      assertThat(rows.group(2)).as("environment variable of %s", name).isEqualTo(key.envName());
    }
    assertThat(count).isEqualTo(LocalApp.ALL_KEYS.size());
  }

  @Test
  void theProcessWideVariablesAreDocumented() throws Exception {
    assertThat(reference()).contains(ConfigLoader.CONF_DIR_ENV, "DAILYFLOW_LOG_FORMAT",
        "DAILYFLOW_LOG_LEVEL");
  }
}
