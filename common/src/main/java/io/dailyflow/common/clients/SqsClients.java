package io.dailyflow.common.clients;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Builds the SQS client (AWS SDK v2, Netty transport) from {@code sqs.*} keys and resolves the
 * queue URL. With {@code sqs.create-queue} the queue and its dead-letter queue
 * ({@code <name>-dlq}, RedrivePolicy after {@code sqs.max-receives}) are created if absent, so the
 * local run, LocalStack and ElasticMQ work without a setup step.
 */
public final class SqsClients {

  private static final Logger LOG = LoggerFactory.getLogger(SqsClients.class);

  private SqsClients() {
  }

  public static SqsAsyncClient create(Config config, Duration callTimeout) {
    SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
        .region(Region.of(config.string(CommonKeys.SQS_REGION)))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .maxConcurrency(256)
            .connectionTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(o -> o.apiCallTimeout(callTimeout).retryStrategy(r ->
            r.maxAttempts(2)));
    String endpoint = config.optionalString(CommonKeys.SQS_ENDPOINT);
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    String accessKey = config.optionalString(CommonKeys.SQS_ACCESS_KEY);
    String secretKey = config.optionalString(CommonKeys.SQS_SECRET_KEY);
    builder.credentialsProvider(accessKey != null && secretKey != null
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
        : DefaultCredentialsProvider.builder().build());
    return builder.build();
  }

  /** The queue URL, creating the queue and its DLQ first when configured to. */
  public static Future<String> queueUrl(SqsAsyncClient sqs, Config config, Context context) {
    String name = config.string(CommonKeys.SQS_QUEUE_NAME);
    if (!config.bool(CommonKeys.SQS_CREATE_QUEUE)) {
      return Future.fromCompletionStage(
          sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(name).build()), context)
          .map(r -> r.queueUrl());
    }
    return createQueue(sqs, name + "-dlq", Map.of(), context)
        .compose(dlqUrl -> Future.fromCompletionStage(sqs.getQueueAttributes(
            GetQueueAttributesRequest.builder().queueUrl(dlqUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()), context))
        .compose(dlq -> createQueue(sqs, name, Map.of(QueueAttributeName.REDRIVE_POLICY,
            "{\"maxReceiveCount\":\"" + config.positiveInt(CommonKeys.SQS_MAX_RECEIVES)
                + "\",\"deadLetterTargetArn\":\""
                + dlq.attributes().get(QueueAttributeName.QUEUE_ARN) + "\"}"), context));
  }

  private static Future<String> createQueue(SqsAsyncClient sqs, String name,
      Map<QueueAttributeName, String> attributes, Context context) {
    return Future.fromCompletionStage(sqs.getQueueUrl(
            GetQueueUrlRequest.builder().queueName(name).build()), context)
        .map(r -> r.queueUrl())
        .recover(e -> {
          if (!(unwrap(e) instanceof QueueDoesNotExistException)) {
            return Future.failedFuture(e);
          }
          LOG.info("Creating SQS queue {}", name);
          return Future.fromCompletionStage(sqs.createQueue(CreateQueueRequest.builder()
              .queueName(name).attributes(attributes).build()), context).map(r -> r.queueUrl());
        });
  }

  public static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while (current.getCause() != null
        && (current instanceof java.util.concurrent.CompletionException
        || current instanceof java.util.concurrent.ExecutionException)) {
      current = current.getCause();
    }
    return current;
  }
}
