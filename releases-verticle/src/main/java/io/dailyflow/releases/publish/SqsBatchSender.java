package io.dailyflow.releases.publish;

import io.dailyflow.common.bus.FailureCode;
import io.dailyflow.common.clients.SqsClients;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.http.RequestIds;
import io.dailyflow.releases.OutageLog;
import io.dailyflow.releases.ReleaseMetrics;
import io.dailyflow.releases.ReleasesKeys;
import io.dailyflow.releases.publish.BatchRequests.Outgoing;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Sends one batch of releases with SendMessageBatch, packed as {@link BatchRequests} says, and
 * answers each event-bus message from the result of the entry that carries it. The queue URL is resolved lazily and forgotten after a failed
 * call, so a queue that was down (or re-created empty) is found again. Every batch, URL lookup
 * included, must finish within the publish timeout.
 */
final class SqsBatchSender {

  private static final Logger LOG = LoggerFactory.getLogger(SqsBatchSender.class);
  private static final String NOT_ACCEPTED = "The queue did not accept the release; try again";

  private final SqsAsyncClient sqs;
  private final Config config;
  private final Context context;
  private final long timeoutMs;
  private final boolean gzip;
  private Future<String> queueUrl;

  /** {@code queueUrl}: the lookup already started, or {@code null}. */
  SqsBatchSender(SqsAsyncClient sqs, Config config, Context context, long timeoutMs,
      Future<String> queueUrl) {
    this.sqs = sqs;
    this.config = config;
    this.context = context;
    this.timeoutMs = timeoutMs;
    this.gzip = config.bool(ReleasesKeys.PUBLISH_GZIP);
    this.queueUrl = queueUrl;
  }

  void close() {
    sqs.close();
  }

  /**
   * Resolves (and creates) the queue at start, which also pays for the SDK's slow first call; a
   * queue that is down or slow only logs a warning: POST /releases answers 503 until it is up.
   */
  Future<Void> warmUp(long warmUpMs) {
    return queueUrl()
        .timeout(warmUpMs, TimeUnit.MILLISECONDS)
        .onSuccess(url -> LOG.info("Publishing releases to {}", url))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("SQS queue not reachable at start ({}); will retry on publish",
              SqsClients.unwrap(e).toString());
          return Future.succeededFuture();
        });
  }

  Future<Void> probe() {
    return queueUrl()
        .compose(url -> Future.fromCompletionStage(sqs.getQueueAttributes(
            GetQueueAttributesRequest.builder().queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES).build()),
            context))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .mapEmpty();
  }

  /** Sends {@link BatchRequests#pack packed} releases in one SendMessageBatch, answers each. */
  Future<Void> send(List<List<Outgoing>> entries) {
    ReleaseMetrics.BATCHES.increment();
    ReleaseMetrics.BATCH_SIZE.record(entries.stream().mapToInt(List::size).sum());
    return queueUrl()
        .compose(url -> Future.fromCompletionStage(sqs.sendMessageBatch(
            BatchRequests.of(url, entries, timeoutMs, gzip)), context))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onSuccess(response -> {
          OutageLog.SQS.answered();
          answer(entries.stream().map(e -> e.stream().map(Outgoing::msg).toList()).toList(),
              response);
        })
        .onFailure(e -> failAll(entries, e))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private Future<String> queueUrl() {
    if (queueUrl == null || queueUrl.failed()) {
      queueUrl = SqsClients.queueUrl(sqs, config, context);
    }
    return queueUrl;
  }

  /**
   * Answers each release from its entry's result: acknowledged (with the id of the message that
   * carries it) or refused.
   */
  static void answer(List<List<Message<Object>>> entries, SendMessageBatchResponse response) {
    Map<String, String> errors = new HashMap<>();
    for (BatchResultErrorEntry failed : response.failed()) {
      errors.put(failed.id(), failed.code() + ": " + failed.message());
    }
    for (SendMessageBatchResultEntry ok : response.successful()) {
      JsonObject reply = new JsonObject().put("messageId", ok.messageId());
      for (Message<Object> msg : entries.get(Integer.parseInt(ok.id()))) {
        ReleaseMetrics.PUBLISHED.increment();
        msg.reply(reply);
      }
    }
    if (!errors.isEmpty()) {
      LOG.warn("SQS refused {} of {} messages in a batch: {}", errors.size(), entries.size(),
          errors.values());
      errors.forEach((entryId, reason) ->
          entries.get(Integer.parseInt(entryId)).forEach(msg -> fail(msg, reason)));
    }
  }

  private void failAll(List<List<Outgoing>> entries, Throwable e) {
    // Look the queue up again next time: it may have been re-created. A lookup still in
    // progress is kept, so a hung endpoint does not get one more lookup per batch.
    if (queueUrl != null && queueUrl.succeeded()) {
      queueUrl = null;
    }
    List<Outgoing> releases = entries.stream().flatMap(List::stream).toList();
    OutageLog.SQS.failed(SqsClients.unwrap(e), "a batch of " + releases.size()
        + " releases answered 503");
    releases.forEach(release -> fail(release.msg(), "call failed"));
  }

  private static void fail(Message<Object> msg, String reason) {
    ReleaseMetrics.PUBLISH_FAILURES.increment();
    MDC.put(RequestIds.MDC_KEY, BatchRequests.requestId(msg));
    try {
      LOG.debug("Release {} not published: {}", ((JsonObject) msg.body()).getString("id"), reason);
    } finally {
      MDC.remove(RequestIds.MDC_KEY);
    }
    msg.fail(FailureCode.UNAVAILABLE.code(), NOT_ACCEPTED);
  }
}
