package io.dailyflow.consumer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestLogsTest {

  @Test
  void theRequestIdIsOnTheMdcOnlyWhileLoggingAboutThatMessage() {
    List<String> seen = new ArrayList<>();

    RequestLogs.withRequestId("req-42", () -> seen.add(MDC.get("requestId")));

    assertThat(seen).containsExactly("req-42");
    assertThat(MDC.get("requestId")).isNull();
  }

  @Test
  void aForgedRequestIdThatCouldForgeLogLinesIsLeftOut() {
    List<String> seen = new ArrayList<>();

    RequestLogs.withRequestId("req-1\nINFO fake line", () -> seen.add(MDC.get("requestId")));

    assertThat(seen).containsOnlyNulls().hasSize(1);
  }
}
