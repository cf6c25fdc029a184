package dev.openenvbench.experiment;

import dev.openenvbench.loadgen.RequestHeaders;
import java.util.List;

/** {@code headers:}, a list of {@code "Name: value"}, checked as {@code run --header} checks it. */
final class StudyHeaders {
  private StudyHeaders() {}

  /**
   * The list as given (empty when absent).
   *
   * @throws IllegalArgumentException a header that is not {@code Name: value}; the value (maybe a
   *     secret) is never repeated
   */
  static List<String> check(List<String> headers) {
    if (headers == null) return List.of();
    headers.forEach(RequestHeaders.Header::parse);
    return List.copyOf(headers);
  }
}
