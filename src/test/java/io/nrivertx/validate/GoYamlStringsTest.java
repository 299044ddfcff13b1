package io.nrivertx.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values are what go.yaml.in/yaml/v3 v3.0.6 Unmarshal into []string gives. */
class GoYamlStringsTest {
  private static final String ERRORS = "yaml: unmarshal errors:\n  ";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("- a\n- b", List.of("a", "b"), null),
        Arguments.of("[\"10-x\", y]", List.of("10-x", "y"), null),
        Arguments.of("[1, 2.5, true, null]", List.of("1", "2.5", "true"), null),
        Arguments.of("[0x10, 1e3, yes, '', ~]", List.of("0x10", "1e3", "yes", ""), null),
        Arguments.of("", List.of(), null),
        Arguments.of("~", List.of(), null),
        Arguments.of("abc", List.of(), ERRORS + "line 1: cannot unmarshal !!str `abc` into []string"),
        Arguments.of("5", List.of(), ERRORS + "line 1: cannot unmarshal !!int `5` into []string"),
        Arguments.of("true", List.of(), ERRORS + "line 1: cannot unmarshal !!bool `true` into []string"),
        Arguments.of("0x10", List.of(), ERRORS + "line 1: cannot unmarshal !!int `0x10` into []string"),
        Arguments.of("'quoted'", List.of(), ERRORS + "line 1: cannot unmarshal !!str `quoted` into []string"),
        Arguments.of("averyveryverylongname", List.of(),
            ERRORS + "line 1: cannot unmarshal !!str `averyve...` into []string"),
        Arguments.of("{a: b}", List.of(), ERRORS + "line 1: cannot unmarshal !!map into []string"),
        Arguments.of("[a, [b]]", List.of("a"), ERRORS + "line 1: cannot unmarshal !!seq into string"),
        Arguments.of("[a, {b: c}]", List.of("a"), ERRORS + "line 1: cannot unmarshal !!map into string"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void decodesLikeGo(String text, List<String> values, String error) {
    GoYamlStrings.Result r = GoYamlStrings.parse(text);
    assertEquals(error, r.error());
    assertEquals(values, r.values());
  }
}
