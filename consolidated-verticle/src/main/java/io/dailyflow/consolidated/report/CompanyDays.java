package io.dailyflow.consolidated.report;

import java.time.LocalDate;
import java.util.List;

/** Some days of one company: what a {@link SingleFlight} of the report path is keyed by. */
record CompanyDays(String companyId, List<LocalDate> days) {
}
