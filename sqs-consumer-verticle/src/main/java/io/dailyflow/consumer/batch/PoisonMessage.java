package io.dailyflow.consumer.batch;

import software.amazon.awssdk.services.sqs.model.Message;

/** A received message that is not a valid release, and why. */
public record PoisonMessage(Message message, String reason) {
}
