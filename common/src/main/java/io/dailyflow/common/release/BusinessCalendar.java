package io.dailyflow.common.release;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigException;
import io.dailyflow.common.config.ConfigKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The business day of a release: the date of its acceptance in the company's time zone
 * ({@code business.zone}, overridable per company by {@code business.company-zones}).
 */
public final class BusinessCalendar {

  /** A JSON object of company id to zone id, in conf/ or as a JSON string in the environment. */
  public static final ConfigKey COMPANY_ZONES = CommonKeys.BUSINESS_COMPANY_ZONES;

  private final ZoneId defaultZone;
  private final Map<String, ZoneId> companyZones;
  private final Clock clock;

  public BusinessCalendar(ZoneId defaultZone, Map<String, ZoneId> companyZones, Clock clock) {
    this.defaultZone = defaultZone;
    this.companyZones = Map.copyOf(companyZones);
    this.clock = clock;
  }

  public static BusinessCalendar from(Config config) {
    Map<String, ZoneId> zones = new HashMap<>();
    try {
      config.object(COMPANY_ZONES)
          .forEach(e -> zones.put(e.getKey(), ZoneId.of(String.valueOf(e.getValue()))));
    } catch (java.time.DateTimeException e) {
      throw new ConfigException("Invalid configuration key '" + COMPANY_ZONES.name()
          + "': " + e.getMessage() + " (environment variable " + COMPANY_ZONES.envName() + ")");
    }
    return new BusinessCalendar(config.zone(CommonKeys.BUSINESS_ZONE), zones, Clock.systemUTC());
  }

  public ZoneId zoneOf(String companyId) {
    return companyZones.getOrDefault(companyId, defaultZone);
  }

  public LocalDate dayOf(String companyId, Instant instant) {
    return instant.atZone(zoneOf(companyId)).toLocalDate();
  }

  public LocalDate today(String companyId) {
    return dayOf(companyId, clock.instant());
  }

  public Instant now() {
    return clock.instant();
  }
}
