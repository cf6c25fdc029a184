package dev.openenvbench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each row: a double and how Python's repr(float) spells it. */
class PythonFloatTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0.0, 0.0",
    "-0.0, -0.0",
    "1.0, 1.0",
    "0.1, 0.1",
    "2.5, 2.5",
    "10.0, 10.0",
    "100.0, 100.0",
    "0.0001, 0.0001", // Java writes 1.0E-4
    "0.00012, 0.00012",
    "0.00001, 1e-05", // below 1e-4 Python switches to exponent form
    "1.5e-7, 1.5e-07",
    "12345678.0, 12345678.0", // Java writes 1.2345678E7
    "1e15, 1000000000000000.0",
    "1e16, 1e+16",
    "1.2345678901234567e17, 1.2345678901234566e+17", // checked with python3
    "-3.25, -3.25",
  })
  void matchesPythonRepr(double value, String python) {
    assertThat(PythonFloat.repr(value)).isEqualTo(python);
  }

  @ParameterizedTest
  @CsvSource({"NaN, NaN", "Infinity, Infinity", "-Infinity, -Infinity"})
  void nonFiniteAsPythonsJsonModule(double value, String python) {
    assertThat(PythonFloat.repr(value)).isEqualTo(python);
  }
}
