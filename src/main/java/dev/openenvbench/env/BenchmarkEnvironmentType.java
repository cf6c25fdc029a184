package dev.openenvbench.env;

import static dev.openenvbench.protocol.BenchmarkAction.WAIT_SECONDS;

import dev.openenvbench.protocol.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's benchmark environment: its only action is {@code {"wait_seconds": float}}, and its
 * step sleeps that long, so a deployment's concurrency shows as how many sleeps overlap.
 *
 * <p>Deliberate difference from the Python original: {@code wait_seconds} must be finite, ≥ 0 and ≤
 * {@code maxWaitSeconds}, so that a typo or a hostile client cannot park a session for a day or
 * crash a step with NaN. Such actions get pydantic's own error types ({@code finite_number}, {@code
 * greater_than_equal}, {@code less_than_equal}).
 */
public final class BenchmarkEnvironmentType implements EnvironmentType {
  private static final String METADATA = "metadata";
  private static final java.util.Set<String> FIELDS = java.util.Set.of(WAIT_SECONDS, METADATA);
  private static final String SCHEMA = loadSchema();

  private final double maxWaitSeconds;
  private final HostIdentity host;
  private final BenchmarkProfile profile;
  private final String payload;
  private final ExecutorService stepPool;

  /**
   * @param maxWaitSeconds the largest accepted {@code wait_seconds}
   * @param host what the observation reports as {@code pid} and {@code host_url}
   */
  public BenchmarkEnvironmentType(double maxWaitSeconds, HostIdentity host) {
    this(maxWaitSeconds, host, BenchmarkProfile.PLAIN);
  }

  /**
   * @param profile how the steps model a real environment (CPU, a thread pool, a payload)
   */
  public BenchmarkEnvironmentType(
      double maxWaitSeconds, HostIdentity host, BenchmarkProfile profile) {
    if (!(maxWaitSeconds >= 0) || Double.isInfinite(maxWaitSeconds)) {
      throw new IllegalArgumentException(
          "maxWaitSeconds must be finite and >= 0: " + maxWaitSeconds);
    }
    this.maxWaitSeconds = maxWaitSeconds;
    this.host = host;
    this.profile = profile;
    this.payload = profile.observationBytes() > 0 ? "x".repeat(profile.observationBytes()) : null;
    // Daemon threads: the pool lives as long as the server process, like uvicorn's thread pool.
    this.stepPool =
        profile.stepPoolThreads() > 0
            ? Executors.newFixedThreadPool(
                profile.stepPoolThreads(),
                Thread.ofPlatform().daemon().name("step-pool-", 0).factory())
            : null;
  }

  @Override
  public String factoryName() {
    return "BenchmarkEnvironment";
  }

  @Override
  public Environment create() {
    BenchmarkEnvironment plain = new BenchmarkEnvironment(host, payload);
    return profile.blocking()
        ? new ModelledEnvironment(plain, profile.stepCpuMillis(), stepPool)
        : plain;
  }

  /** Two small objects, whether the steps block or not. */
  @Override
  public boolean createsAtOnce() {
    return true;
  }

  @Override
  public ActionCheck validateAction(ObjectNode action) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> valid = new LinkedHashMap<>();
    JsonNode metadata = action.get(METADATA);
    if (metadata != null && !metadata.isObject()) {
      errors.add(
          FieldError.of(
              "dict_type", List.of(METADATA), "Input should be a valid dictionary", metadata));
    }
    JsonNode wait = action.get(WAIT_SECONDS);
    double waitSeconds = 0.0;
    if (wait != null) {
      FloatField.Coerced coerced = FloatField.coerce(wait, WAIT_SECONDS);
      if (coerced.ok()) {
        waitSeconds = coerced.value();
        checkRange(wait, waitSeconds, errors);
      } else {
        errors.add(coerced.error());
      }
    }
    errors.addAll(FieldError.extraForbidden(action, FIELDS));
    valid.put(WAIT_SECONDS, waitSeconds);
    return errors.isEmpty()
        ? new ActionCheck.Valid(valid)
        : new ActionCheck.Invalid(List.copyOf(errors));
  }

  private void checkRange(JsonNode input, double seconds, List<FieldError> errors) {
    List<Object> loc = List.of(WAIT_SECONDS);
    if (!Double.isFinite(seconds)) {
      errors.add(FieldError.of("finite_number", loc, "Input should be a finite number", input));
    } else if (seconds < 0) {
      errors.add(
          new FieldError(
              "greater_than_equal",
              loc,
              "Input should be greater than or equal to 0",
              input,
              Map.of("ge", 0)));
    } else if (seconds > maxWaitSeconds) {
      errors.add(
          new FieldError(
              "less_than_equal",
              loc,
              "Input should be less than or equal to "
                  + trim(maxWaitSeconds)
                  + " (the server's --max-wait-seconds)",
              input,
              Map.of("le", maxWaitSeconds)));
    }
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  @Override
  public Map<String, Object> metadata() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "BenchmarkEnvironment");
    m.put("description", "BenchmarkEnvironment environment");
    m.put("readme_content", null);
    m.put("version", "1.0.0");
    m.put("author", null);
    m.put("documentation_url", null);
    return m;
  }

  /** As the seed's server passes {@code env_name="benchmark"} to {@code create_app}. */
  @Override
  public String envName() {
    return "benchmark";
  }

  @Override
  public String schemaJson() {
    return payload == null ? SCHEMA : withPayload(SCHEMA);
  }

  /** The schema with the observation's extra {@code payload} field, which it otherwise forbids. */
  private static String withPayload(String schema) {
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode root = (ObjectNode) json.readTree(schema);
    ObjectNode field = json.createObjectNode();
    field.put("description", "Filler of the server's --observation-bytes size");
    field.put("title", "Payload");
    field.put("type", "string");
    ((ObjectNode) root.path("observation").path("properties")).set(BenchmarkProfile.PAYLOAD, field);
    return json.writeValueAsString(root);
  }

  private static String loadSchema() {
    try (InputStream in =
        BenchmarkEnvironmentType.class.getResourceAsStream("benchmark-schema.json")) {
      if (in == null) {
        throw new IllegalStateException("benchmark-schema.json missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
