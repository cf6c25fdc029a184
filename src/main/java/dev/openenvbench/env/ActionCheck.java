package dev.openenvbench.env;

import dev.openenvbench.protocol.FieldError;
import java.util.List;
import java.util.Map;

/** The outcome of validating an action: the coerced action, or pydantic-shaped errors. */
public sealed interface ActionCheck {
  /**
   * @param action field values after coercion, in declaration order
   */
  record Valid(Map<String, Object> action) implements ActionCheck {}

  /**
   * @param errors with {@code loc} relative to the action, e.g. {@code ["wait_seconds"]}
   */
  record Invalid(List<FieldError> errors) implements ActionCheck {}
}
