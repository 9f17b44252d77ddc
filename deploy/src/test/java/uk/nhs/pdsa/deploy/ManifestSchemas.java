package uk.nhs.pdsa.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Strict schema validation of rendered objects, offline, against the schemas vendored in {@code deploy/schemas}
 * (their README says where each comes from). Kubernetes kinds use the Kubernetes OpenAPI definitions made strict the
 * way kubeconform's {@code -strict} schemas are: every object with declared properties refuses any other property,
 * IntOrString takes a string or an integer, Quantity a string or a number. Custom resources use their CRD's schema
 * (already strict), and their {@code metadata} the same strict ObjectMeta as built-in kinds. A kind without a
 * vendored schema is itself a violation, so nothing passes unchecked.
 */
final class ManifestSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private final Path root;
    private final ObjectNode definitions;
    private final Map<String, String> builtIn = new ConcurrentHashMap<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ManifestSchemas(Path root) throws IOException {
        this.root = root;
        this.definitions = (ObjectNode) JSON.readTree(root.resolve("kubernetes/definitions.json").toFile()).path("definitions");
        for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
            for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                builtIn.put(apiVersion(group, gvk.path("version").asText()) + " " + gvk.path("kind").asText(),
                        definition.getKey());
            }
            strict(definition.getValue());
        }
        definitions.set("io.k8s.apimachinery.pkg.util.intstr.IntOrString", oneOf("string", "integer"));
        definitions.set("io.k8s.apimachinery.pkg.api.resource.Quantity", oneOf("string", "number"));
    }

    static ManifestSchemas load(Path root) {
        try {
            return new ManifestSchemas(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema violations of one object, each prefixed with its kind and name; empty when it conforms. */
    List<String> violations(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String at = kind + "/" + object.path("metadata").path("name").asText() + ": ";
        List<String> violations = new ArrayList<>();
        String definition = builtIn.get(apiVersion + " " + kind);
        Path crd = crd(apiVersion, kind);
        if (definition != null) {
            check(schema("#/definitions/" + definition), object, at, violations);
        } else if (crd != null && Files.exists(crd)) {
            check(schema(crd.toString()), object, at, violations);
            check(schema("#/definitions/" + OBJECT_META), object.path("metadata"), at + "metadata ", violations);
        } else {
            violations.add(at + "no vendored schema for " + apiVersion + " " + kind);
        }
        return violations;
    }

    private static void check(Schema schema, JsonNode instance, String at, List<String> violations) {
        schema.validate(instance.toString(), InputFormat.JSON).forEach(e -> violations.add(at + e));
    }

    private Path crd(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            return null;
        }
        return root.resolve("crds").resolve(apiVersion.substring(0, slash))
                .resolve(kind.toLowerCase(Locale.ROOT) + "_" + apiVersion.substring(slash + 1) + ".json");
    }

    /** A definition by reference, or a CRD schema file, as a schema document; built once each. */
    private Schema schema(String key) {
        return schemas.computeIfAbsent(key, k -> {
            ObjectNode document = JSON.createObjectNode();
            if (k.startsWith("#/")) {
                document.put("$ref", k);
                document.set("definitions", definitions);
            } else {
                try {
                    document = (ObjectNode) JSON.readTree(Path.of(k).toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return REGISTRY.getSchema(document.toString(), InputFormat.JSON);
        });
    }

    private static String apiVersion(String group, String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }

    private static ObjectNode oneOf(String... types) {
        ObjectNode schema = JSON.createObjectNode();
        ArrayNode choices = schema.putArray("oneOf");
        for (String type : types) {
            choices.addObject().put("type", type);
        }
        return schema;
    }

    /** Every object schema with declared properties refuses others (as kubeconform's strict schemas do). */
    private static void strict(JsonNode schema) {
        if (schema instanceof ObjectNode node) {
            if (node.has("properties") && !node.has("additionalProperties")) {
                node.put("additionalProperties", false);
            }
            node.properties().forEach(child -> strict(child.getValue()));
        } else if (schema instanceof ArrayNode array) {
            array.forEach(ManifestSchemas::strict);
        }
    }
}
