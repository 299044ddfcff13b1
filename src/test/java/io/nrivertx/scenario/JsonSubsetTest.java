package io.nrivertx.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonSubsetTest {

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{}|{\"a\":1}",
      "{\"a\":1}|{\"a\":1,\"b\":2}",
      "{\"a\":{\"b\":\"x\"}}|{\"a\":{\"b\":\"x\",\"c\":true}}",
      "[]|[]",
      "[{\"k\":\"A\"}]|[{\"k\":\"A\",\"v\":\"1\"}]",
      "{\"n\":512}|{\"n\":\"512\"}",
      "{\"n\":\"512\"}|{\"n\":512}",
      "{\"n\":1.5}|{\"n\":1.50}",
      "{\"ignoreFailure\":false}|{}",
      "{\"n\":0,\"s\":\"\",\"l\":[],\"o\":{},\"z\":null}|{}",
      "\"x\"|\"x\"",
      "true|true",
      "null|null",
  })
  void contained(String expected, String actual) {
    assertNull(JsonSubset.mismatch(Json.decodeValue(expected), Json.decodeValue(actual), "r"));
  }

  @ParameterizedTest(name = "{0} not in {1}: {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"a\":1}|{\"a\":2}|r.a: expected 1, got 2",
      "{\"a\":1}|{}|r.a: missing (expected 1)",
      "{\"a\":{\"b\":\"x\"}}|{\"a\":{\"b\":\"y\"}}|r.a.b: expected \"x\", got \"y\"",
      "[1]|[1,2]|r: expected 1 element(s), got 2: [1,2]",
      "[]|[1]|r: expected 0 element(s), got 1: [1]",
      "[{\"k\":\"A\"},{\"k\":\"B\"}]|[{\"k\":\"A\"},{\"k\":\"C\"}]|r[1].k: expected \"B\", got \"C\"",
      "{\"a\":[]}|{\"a\":{}}|r.a: expected [], got {}",
      "{\"n\":512}|{\"n\":\"abc\"}|r.n: expected 512, got \"abc\"",
      "{\"b\":true}|{\"b\":\"true\"}|r.b: expected true, got \"true\"",
      "{\"a\":1}|null|r: expected {\"a\":1}, got null",
      "null|{}|r: expected null, got {}",
      "{\"a\":null}|{\"a\":1}|r.a: expected null, got 1",
  })
  void notContained(String expected, String actual, String message) {
    assertEquals(message, JsonSubset.mismatch(Json.decodeValue(expected), Json.decodeValue(actual), "r"));
  }
}
