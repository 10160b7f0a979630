package io.dailyflow.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void fractionalNumbersStayExactDecimals() {
    JsonObject body = (JsonObject) Json.decodeStrict(Buffer.buffer(
        "{\"amount\": 1.0000000000000001, \"n\": 12}"));
    assertThat(body.getValue("amount")).isEqualTo(new BigDecimal("1.0000000000000001"));
    assertThat(body.getValue("n")).isEqualTo(12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":1} trailing", "{\"a\":", "{'a':1}", "",
      "{\"a\":NaN}", "[1,2", "{\"a\":1}{}", "{\"a\":1e2147483648}", "{\"a\":1e-2147483649}"})
  void malformedOrAmbiguousJsonIsRefused(String text) {
    assertThatThrownBy(() -> Json.decodeStrict(Buffer.buffer(text)))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
    assertThatThrownBy(() -> Json.decodeStrict(Buffer.buffer(deep)))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void invalidUtf8IsRefused() {
    Buffer bytes = Buffer.buffer("{\"a\":\"").appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28})
        .appendString("\"}");
    assertThatThrownBy(() -> Json.decodeStrict(bytes)).isInstanceOf(DecodeException.class);
  }
}
