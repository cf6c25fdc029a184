package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine-readable schema is generated from the one declaration and shipped twice: in the jar
 * (written by the build) and as docs/result-schema.json (committed). Both must equal what the
 * declaration renders now. After changing a field: {@code bin/mvn -q process-classes} and copy
 * target/classes/dev/openenvbench/results/result-schema.json to docs/.
 */
class SchemaDocumentTest {
  @Test
  void the_docs_copy_and_the_jar_copy_are_the_declaration() throws IOException {
    String rendered = SchemaDocument.render();
    assertThat(Files.readString(Path.of("docs/result-schema.json")))
        .as("docs/result-schema.json is stale: copy it from target/classes (see this test's doc)")
        .isEqualTo(rendered);
    try (InputStream in = SchemaDocument.class.getResourceAsStream(SchemaDocument.RESOURCE)) {
      assertThat(in).as("the build writes the schema into the jar").isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(rendered);
    }
  }

  @Test
  void it_lists_every_field_in_file_order_with_its_type_and_version() {
    JsonNode doc = JsonMapper.builder().build().readTree(SchemaDocument.render());
    assertThat(doc.path("format_version").asInt()).isEqualTo(FormatVersion.CURRENT);
    JsonNode raw = doc.path("files").get(0);
    JsonNode summary = doc.path("files").get(1);
    assertThat(raw.path("file").asString()).isEqualTo("raw.jsonl");
    assertThat(names(raw)).isEqualTo(RawFields.names(FormatVersion.CURRENT));
    assertThat(names(summary)).isEqualTo(SummaryColumns.names(FormatVersion.CURRENT));
    JsonNode errorRate = summary.path("fields").get(10);
    assertThat(errorRate.path("name").asString()).isEqualTo("error_rate");
    assertThat(errorRate.path("type").asString()).isEqualTo("number");
    assertThat(errorRate.path("unit").asString()).isEqualTo("fraction");
    assertThat(errorRate.path("seed").asBoolean()).isTrue();
    JsonNode steps = summary.path("fields").get(33);
    assertThat(steps.path("name").asString()).isEqualTo("steps");
    assertThat(steps.path("since").asInt()).isEqualTo(1);
    assertThat(steps.path("role").asString()).isEqualTo("setting");
    assertThat(steps.path("absent").asInt()).isEqualTo(1);
  }

  private static List<String> names(JsonNode file) {
    return file.path("fields").valueStream().map(f -> f.path("name").asString()).toList();
  }
}
