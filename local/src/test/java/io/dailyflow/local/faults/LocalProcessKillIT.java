package io.dailyflow.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.release.ReleaseMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault 6 of issue 3: the all-in-one local jar ({@code all}: embedded SQS, MongoDB on an H2 file,
 * Redis and the four services in one process) killed with SIGKILL and restarted on the same data
 * directory keeps every release it recorded, and every release it accepted.
 */
class LocalProcessKillIT {

  private static final int SCENARIO = 7;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
  /** Longer than posting through the API and killing take; far shorter than the drain timeout. */
  private static final int BACKLOG_DELAY_SECONDS = 20;

  private ProcessCluster cluster;

  @AfterEach
  void stopEverything() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static void report(String line) {
    System.out.println("[fault-test] 6 local process killed: " + line);
  }

  @Test
  void theAllInOneKilledWithSigkillKeepsEveryRecordedRelease() throws Exception {
    cluster = new ProcessCluster("local", Map.of(
        "DAILYFLOW_CONSUMER_VISIBILITY_TIMEOUT_SECONDS", "6",
        "DAILYFLOW_CONSUMER_BATCH_TIMEOUT_MS", "5000",
        "DAILYFLOW_CONSUMER_WAIT_SECONDS", "2"));
    cluster.startAllInOne();
    LedgerClient client = new LedgerClient(cluster);
    String token = client.login(SCENARIO);
    int n = 500;
    LedgerClient.Posted posted = client.postMany(token, n, 8, LedgerClient::amountOf, "local");
    assertThat(posted.count(202)).as(posted.rejected().toString()).isEqualTo(n);
    Ledger ledger = new Ledger();
    ledger.add(posted);
    try (QueueProbe queue = new QueueProbe(cluster.sqsEndpoint())) {
      report("before the kill: " + ledger.awaitExact(client, token, queue, DRAIN_TIMEOUT));
    }

    cluster.kill("local");
    cluster.startAllInOne();
    token = client.login(SCENARIO);
    try (QueueProbe queue = new QueueProbe(cluster.sqsEndpoint())) {
      report("after kill -9 and restart: " + ledger.awaitExact(client, token, queue,
          DRAIN_TIMEOUT));
    }
  }

  @Test
  void theAllInOneKilledRightAfterAcceptingKeepsWhatItAccepted() throws Exception {
    // -Ddailyflow.fault.sqs-durable=false shows what an in-memory queue loses here.
    cluster = new ProcessCluster("local-accepted", Map.of(
        "DAILYFLOW_LOCAL_SQS_DURABLE", System.getProperty("dailyflow.fault.sqs-durable", "true"),
        "DAILYFLOW_CONSUMER_VISIBILITY_TIMEOUT_SECONDS", "6",
        "DAILYFLOW_CONSUMER_BATCH_TIMEOUT_MS", "5000",
        "DAILYFLOW_CONSUMER_WAIT_SECONDS", "2"));
    cluster.startAllInOne();
    LedgerClient client = new LedgerClient(cluster);
    String token = client.login(SCENARIO + 1);
    Ledger ledger = new Ledger();
    // A backlog first: releases put on the queue directly (as the Releases API does before its
    // 202), delayed so that they are surely still queued at the kill (the consumers drain any
    // send loop faster than it sends), then releases posted through the API behind it.
    int direct = 2_000;
    String date = LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < direct; i++) {
      ReleaseMessage message = new ReleaseMessage(UUID.randomUUID().toString(),
          ProcessCluster.company(SCENARIO + 1), "fault-user", "backlog " + i,
          LedgerClient.amountOf(i), LocalDate.parse(date), Instant.now(), "fault-backlog-" + i,
          null);
      bodies.add(message.toJson().encode());
      ledger.add(message.id(), date, message.amountCents());
    }
    int n = 300;
    long waiting;
    LedgerClient.Posted posted;
    try (QueueProbe queue = new QueueProbe(cluster.sqsEndpoint())) {
      queue.sendAll("testQueue", bodies, BACKLOG_DELAY_SECONDS);
      posted = client.postMany(token, n, 16, LedgerClient::amountOf, "unconsumed");
      waiting = queue.depth("testQueue");
      cluster.kill("local");
    }
    assertThat(waiting).as("releases still queued at the kill -9").isGreaterThanOrEqualTo(direct);
    assertThat(posted.count(202)).as(posted.rejected().toString()).isEqualTo(n);
    ledger.add(posted);
    report("sent " + direct + " to the queue and posted " + n + " (202); " + waiting
        + " of them were still in the queue (not yet recorded) at the kill -9");

    cluster.startAllInOne();
    token = client.login(SCENARIO + 1);
    try (QueueProbe queue = new QueueProbe(cluster.sqsEndpoint())) {
      report("after restart: "
          + ledger.awaitExact(client, token, queue, DRAIN_TIMEOUT));
    }
  }
}
