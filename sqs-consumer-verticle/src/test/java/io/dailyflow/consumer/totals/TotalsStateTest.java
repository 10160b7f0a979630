package io.dailyflow.consumer.totals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TotalsStateTest {

  @Test
  void epochsAreKeptForAtMostSoManyDaysAndOnlyEverGrow() {
    TotalsState state = new TotalsState();
    state.sawEpoch("a/2025-03-14", 3);
    state.sawEpoch("a/2025-03-14", 2);
    assertThat(state.epoch("a/2025-03-14")).isEqualTo(3L);

    for (int i = 1; i < TotalsState.MAX_EPOCHS; i++) {
      state.sawEpoch("day-" + i, 1);
    }
    state.sawEpoch("a/2025-03-14", 4);
    assertThat(state.epoch("day-1")).as("still within the bound").isEqualTo(1L);

    state.sawEpoch("one-more", 1);
    assertThat(state.epoch("day-1")).as("dropped past the bound").isNull();
    assertThat(state.epoch("one-more")).isEqualTo(1L);
  }
}
