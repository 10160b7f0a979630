package io.dailyflow.common.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigException;
import io.dailyflow.common.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  private static final Instant LATE_EVENING_IN_SAO_PAULO = Instant.parse("2026-11-28T01:30:00Z");

  @Test
  void theBusinessDayIsTheDateInTheCompanysZone() {
    BusinessCalendar calendar = BusinessCalendar.from(Config.of(Map.of()));
    assertThat(calendar.dayOf("any", LATE_EVENING_IN_SAO_PAULO))
        .isEqualTo(LocalDate.parse("2026-11-27"));
  }

  @Test
  void companyZonesCanBeSetFromTheEnvironmentAsJson() {
    Config config = new ConfigLoader(Path.of("no-such-dir"), Map.of(
        CommonKeys.BUSINESS_COMPANY_ZONES.envName(), "{\"company-l\":\"Europe/Lisbon\"}"))
        .load(CommonKeys.ALL);
    BusinessCalendar calendar = BusinessCalendar.from(config);
    assertThat(calendar.dayOf("company-l", LATE_EVENING_IN_SAO_PAULO))
        .isEqualTo(LocalDate.parse("2026-11-28"));
    assertThat(calendar.dayOf("company-a", LATE_EVENING_IN_SAO_PAULO))
        .isEqualTo(LocalDate.parse("2026-11-27"));
  }

  @Test
  void anUnknownZoneFailsTheStartNamingTheKey() {
    Config config = Config.of(Map.of(CommonKeys.BUSINESS_COMPANY_ZONES.name(), "{\"c\":\"Mars/Base\"}"));
    assertThatThrownBy(() -> BusinessCalendar.from(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("business.company-zones");
  }
}
