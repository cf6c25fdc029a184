package dev.openenvbench.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.protocol.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pydantic lax-mode float coercion: each row is a JSON input and the value or error type. */
class FloatFieldTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2 | 2.0",
        "1.5 | 1.5",
        "'\"1.5\"' | 1.5",
        "'\" 2 \"' | 2.0",
        "'\"1_000\"' | 1000.0",
        "'\"1e3\"' | 1000.0",
        "true | 1.0",
        "false | 0.0",
        "'\"nan\"' | NaN",
        "'\"-Infinity\"' | -Infinity",
      })
  void coerces(String json, double expected) {
    FloatField.Coerced c = FloatField.coerce(Json.parse(json), "f");
    assertThat(c.ok()).isTrue();
    assertThat(Double.valueOf(c.value())).isEqualTo(Double.valueOf(expected));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"abc\"' | float_parsing",
        "'\"0x10\"' | float_parsing",
        "'\"1.5d\"' | float_parsing",
        "'\"\"' | float_parsing",
        "null | float_type",
        "[1] | float_type",
        "'{}' | float_type",
      })
  void rejects(String json, String errorType) {
    FloatField.Coerced c = FloatField.coerce(Json.parse(json), "f");
    assertThat(c.ok()).isFalse();
    assertThat(c.error().type()).isEqualTo(errorType);
  }
}
