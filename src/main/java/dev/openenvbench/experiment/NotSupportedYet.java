package dev.openenvbench.experiment;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The value of a key of ours that {@code experiment} recognises but cannot act on yet ({@code
 * actions}, {@code headers}: features being built elsewhere). Reading one fails at its place in the
 * file, so a study never runs without what it asked for.
 */
@JsonDeserialize(using = NotSupportedYet.Refuse.class)
public final class NotSupportedYet {
  private NotSupportedYet() {}

  /** Fails on any value, naming the key. */
  static final class Refuse extends ValueDeserializer<NotSupportedYet> {
    @Override
    public NotSupportedYet deserialize(JsonParser p, DeserializationContext ctxt) {
      String key = p.currentName();
      return ctxt.reportInputMismatch(
          NotSupportedYet.class,
          "'%s' is not supported yet by openenv-bench experiment; remove it to run the grid as"
              + " the seed's keys describe it",
          key);
    }
  }
}
