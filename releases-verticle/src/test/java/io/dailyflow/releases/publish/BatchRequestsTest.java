package io.dailyflow.releases.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.config.Config;
import io.dailyflow.releases.publish.BatchRequests.Outgoing;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchRequestsTest {

  @Test
  void consecutiveReleasesArePackedPerMessageIntoAtMostTenEntries() {
    List<Outgoing> batch = IntStream.range(0, 25)
        .mapToObj(i -> new Outgoing(null, "{\"id\":\"" + i + "\"}")).toList();

    assertThat(BatchRequests.pack(batch, 10)).extracting(List::size).containsExactly(10, 10, 5);
    assertThat(BatchRequests.pack(batch, 50)).extracting(List::size).containsExactly(25);
    assertThat(BatchRequests.pack(batch.subList(0, 10), 1)).hasSize(10);
  }

  @Test
  void aFifoQueueGetsOneReleasePerMessageWhateverTheSetting() {
    Map<String, Object> packing = Map.of("releases.publish-releases-per-message", 20);

    assertThat(PublisherVerticle.releasesPerMessage(Config.of(packing))).isEqualTo(20);
    assertThat(PublisherVerticle.releasesPerMessage(Config.of(Map.of()))).isEqualTo(50);
    assertThat(PublisherVerticle.releasesPerMessage(Config.of(Map.of(
        "releases.publish-releases-per-message", 20, "sqs.queue-name", "releases.fifo"))))
        .isEqualTo(1);
  }
}
