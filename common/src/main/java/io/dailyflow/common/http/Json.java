package io.dailyflow.common.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;

/**
 * A strict JSON decoder for request bodies: duplicate keys, trailing content, invalid UTF-8 and
 * nesting deeper than {@value #MAX_DEPTH} are errors, and fractional numbers stay exact
 * ({@link java.math.BigDecimal}) so that an amount is never rounded through a double.
 */
public final class Json {

  static final int MAX_DEPTH = 32;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private Json() {
  }

  /** Decodes exactly one JSON value; throws {@link DecodeException} on anything else. */
  public static Object decodeStrict(Buffer buffer) {
    try (JsonParser parser = FACTORY.createParser(buffer.getBytes())) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new DecodeException("empty body");
      }
      Object value = read(parser, first, 0);
      if (parser.nextToken() != null) {
        throw new DecodeException("trailing content after the JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new DecodeException(e.getMessage());
    } catch (DecodeException e) {
      throw e;
    } catch (RuntimeException e) {
      // Jackson reports some number overflows ("1e2147483648") as NumberFormatException.
      throw new DecodeException("unreadable value: " + e.getClass().getSimpleName());
    }
  }

  private static Object read(JsonParser parser, JsonToken token, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new DecodeException("nested deeper than " + MAX_DEPTH);
    }
    return switch (token) {
      case START_OBJECT -> readObject(parser, depth);
      case START_ARRAY -> readArray(parser, depth);
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new DecodeException("unexpected token " + token);
    };
  }

  private static JsonObject readObject(JsonParser parser, int depth) throws IOException {
    JsonObject object = new JsonObject();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      object.put(name, read(parser, parser.nextToken(), depth + 1));
    }
    if (token != JsonToken.END_OBJECT) {
      throw new DecodeException("malformed object");
    }
    return object;
  }

  private static JsonArray readArray(JsonParser parser, int depth) throws IOException {
    JsonArray array = new JsonArray();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new DecodeException("malformed array");
      }
      array.add(read(parser, token, depth + 1));
    }
    return array;
  }
}
