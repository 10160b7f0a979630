package io.dailyflow.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

  @Test
  void defaultsPollTwoLoopsOfTenMessagesWithAVisibilityThriceTheBatchTimeout() {
    ConsumerSettings settings = ConsumerSettings.from(Config.of(Map.of()));

    assertThat(settings.instances()).isEqualTo(2);
    assertThat(settings.maxMessages()).isEqualTo(10);
    assertThat(settings.waitSeconds()).isEqualTo(20);
    assertThat(settings.visibilitySeconds() * 1_000L).isEqualTo(3 * settings.batchTimeoutMs());
    assertThat(settings.sqsCallTimeout()).isGreaterThan(java.time.Duration.ofSeconds(20));
  }

  @Test
  void aBatchTimeoutNotBelowTheVisibilityTimeoutFailsNamingTheKey() {
    Config config = Config.of(Map.of("consumer.visibility-timeout-seconds", 10,
        "consumer.batch-timeout-ms", 10_000));

    assertThatThrownBy(() -> ConsumerSettings.from(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("consumer.batch-timeout-ms");
  }

  @Test
  void moreThanTenMessagesPerReceiveFailsNamingTheKey() {
    Config config = Config.of(Map.of("consumer.max-messages", 11));

    assertThatThrownBy(() -> ConsumerSettings.from(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("consumer.max-messages")
        .hasMessageContaining("1-10");
  }

  @Test
  void aLongPollAboveTwentySecondsFailsNamingTheKey() {
    Config config = Config.of(Map.of("consumer.wait-seconds", "21"));

    assertThatThrownBy(() -> ConsumerSettings.from(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("consumer.wait-seconds");
  }

  @Test
  void noConsumerInstancesFailsNamingTheKey() {
    Config config = Config.of(Map.of("consumer.instances", 0));

    assertThatThrownBy(() -> ConsumerSettings.from(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("consumer.instances");
  }
}
