package io.dailyflow.releases;

import io.dailyflow.common.release.QueueBodies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Reads what the Releases API put on a queue, with a client of its own, as the consumer would:
 * each release of each message (a message may carry several, ADR 0007).
 */
public final class QueueReader implements AutoCloseable {

  /** One release read from the queue, and the message that carried it. */
  public record Queued(JsonObject release, Message message) {
  }

  private static final int MAX_ROUNDS = 20;

  private final Vertx vertx;
  private final SqsAsyncClient sqs;
  private final String queueName;

  public QueueReader(Vertx vertx, String endpoint, String queueName) {
    this.vertx = vertx;
    this.queueName = queueName;
    this.sqs = SqsAsyncClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test", "test")))
        .build();
  }

  /**
   * Receives until {@code count} releases that match {@code wanted} arrived (long polls of 1 s,
   * bounded rounds), and returns them; other messages stay on the queue, invisible for a while.
   */
  public Future<List<Queued>> receive(Predicate<JsonObject> wanted, int count) {
    return Future.fromCompletionStage(sqs.getQueueUrl(GetQueueUrlRequest.builder()
            .queueName(queueName).build()), vertx.getOrCreateContext())
        .compose(url -> poll(url.queueUrl(), wanted, count, new ArrayList<>(), 0));
  }

  private Future<List<Queued>> poll(String url, Predicate<JsonObject> wanted, int count,
      List<Queued> found, int round) {
    if (found.size() >= count || round >= MAX_ROUNDS) {
      return Future.succeededFuture(found);
    }
    return Future.fromCompletionStage(sqs.receiveMessage(ReceiveMessageRequest.builder()
            .queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(60)
            .messageAttributeNames("All").build()), vertx.getOrCreateContext())
        .compose(response -> {
          for (Message message : response.messages()) {
            for (Object release : QueueBodies.releases(new JsonObject(message.body()))) {
              if (wanted.test((JsonObject) release)) {
                found.add(new Queued((JsonObject) release, message));
              }
            }
          }
          return poll(url, wanted, count, found, round + 1);
        });
  }

  public static Predicate<JsonObject> withId(String id) {
    return body -> id.equals(body.getString("id"));
  }

  @Override
  public void close() {
    sqs.close();
  }
}
