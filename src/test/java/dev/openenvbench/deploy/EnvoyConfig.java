package dev.openenvbench.deploy;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Envoy YAML into Envoy's own v3 {@link Bootstrap} protobuf, the way Envoy's config loader
 * does: YAML to JSON, then protobuf JSON parsing with the typed extensions our configs use. Unknown
 * fields, misspelled enum values and unknown {@code @type}s are rejected with the parser's message.
 * This is the schema only; Envoy's semantic checks need the Envoy binary.
 */
final class EnvoyConfig {
  private static final JsonFormat.TypeRegistry TYPES =
      JsonFormat.TypeRegistry.newBuilder()
          .add(HttpConnectionManager.getDescriptor())
          .add(Router.getDescriptor())
          .build();

  private EnvoyConfig() {}

  static Bootstrap parse(String yaml) throws InvalidProtocolBufferException {
    JsonNode tree = new YAMLMapper().readTree(yaml);
    String json = new ObjectMapper().writeValueAsString(tree);
    Bootstrap.Builder builder = Bootstrap.newBuilder();
    JsonFormat.parser().usingTypeRegistry(TYPES).merge(json, builder);
    return builder.build();
  }

  static HttpConnectionManager connectionManager(Bootstrap bootstrap)
      throws InvalidProtocolBufferException {
    return bootstrap
        .getStaticResources()
        .getListeners(0)
        .getFilterChains(0)
        .getFilters(0)
        .getTypedConfig()
        .unpack(HttpConnectionManager.class);
  }
}
