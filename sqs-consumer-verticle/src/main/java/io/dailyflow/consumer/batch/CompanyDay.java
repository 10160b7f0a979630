package io.dailyflow.consumer.batch;

import io.dailyflow.common.release.DayVersions;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** One company's business day: the unit of the consolidated report and of its version. */
public record CompanyDay(String companyId, LocalDate date) {

  public String versionKey() {
    return DayVersions.versionKey(companyId, date);
  }

  public JsonObject toJson() {
    return new JsonObject().put("companyId", companyId).put("date", date.toString());
  }
}
