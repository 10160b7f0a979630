package io.dailyflow.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void theLastForwardedHopIsTheOneTheTrustedProxyAppended() {
    assertThat(ClientAddress.lastHop("6.6.6.6, 10.1.2.3")).isEqualTo("10.1.2.3");
    assertThat(ClientAddress.lastHop(" 10.1.2.3 ")).isEqualTo("10.1.2.3");
  }

  @Test
  void anEmptyOrOversizedForwardedHeaderIsIgnored() {
    assertThat(ClientAddress.lastHop(null)).isNull();
    assertThat(ClientAddress.lastHop("1.2.3.4, ")).isNull();
    assertThat(ClientAddress.lastHop("x".repeat(65))).isNull();
  }
}
