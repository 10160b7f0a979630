package io.dailyflow.consumer.batch;

import io.dailyflow.common.release.ReleaseMessage;
import software.amazon.awssdk.services.sqs.model.Message;

/** A received message that is a valid release. */
public record ReceivedRelease(Message message, ReleaseMessage release) {

  public String requestId() {
    String fromBody = release.requestId();
    return fromBody != null ? fromBody : Deliveries.requestIdAttribute(message);
  }

  public CompanyDay day() {
    return new CompanyDay(release.companyId(), release.businessDate());
  }
}
