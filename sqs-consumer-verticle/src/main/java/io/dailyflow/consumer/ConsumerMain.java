package io.dailyflow.consumer;

import io.dailyflow.common.launch.ServiceLauncher;

/** Starts the SQS consumer alone: {@code java -jar sqs-consumer-verticle.jar}. */
public final class ConsumerMain {

  private ConsumerMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.run("consumer", ConsumerKeys.ALL, ConsumerRootVerticle::new,
        "common", "consumer");
  }
}
