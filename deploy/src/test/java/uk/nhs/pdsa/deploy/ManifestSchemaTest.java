package uk.nhs.pdsa.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every object of every overlay an operator applies, and of every kustomization under base, conforms strictly to the
 * vendored schemas of Kubernetes 1.36 and of the Strimzi, CloudNativePG and Prometheus Operator CRDs (no cluster
 * needed). Broken objects are refused, so the check can fail: a misspelt field, a wrong type, an unknown enum value,
 * a kind without a schema.
 */
class ManifestSchemaTest {
    private static final Path KUBERNETES = Path.of("kubernetes").toAbsolutePath();
    private static final ManifestSchemas SCHEMAS = ManifestSchemas.load(Path.of("schemas").toAbsolutePath());

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/production", "base", "base/platform", "base/monitoring" })
    void shouldConformStrictlyToTheVendoredSchemas(String kustomization) throws Exception {
        Manifests manifests = Manifests.render(KUBERNETES.resolve(kustomization));
        List<String> violations = new ArrayList<>();
        manifests.all().forEach(o -> violations.addAll(SCHEMAS.violations(o)));
        System.out.printf("%s: %d objects of %d kinds checked against their schemas, %d violations%n", kustomization,
                manifests.all().size(), manifests.all().stream().map(o -> o.path("kind").asText()).distinct().count(),
                violations.size());
        assertThat(manifests.all()).isNotEmpty();
        assertThat(violations).isEmpty();
    }

    @Test
    void shouldRefuseBrokenObjects() throws Exception {
        Manifests production = Manifests.render(KUBERNETES.resolve("overlays/production"));
        assertThat(broken(production, "Deployment", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/securityContext"))
                .put("runAsNonroot", true)))
                .singleElement().asString().contains("Deployment/", "runAsNonroot");
        assertThat(broken(production, "Service", s -> ((ObjectNode) s.at("/spec/ports/0")).put("port", "http")))
                .isNotEmpty().first().asString().contains("Service/", "port");
        assertThat(broken(production, "Deployment", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/resources/limits"))
                .put("memory", true)))
                .isNotEmpty().allSatisfy(v -> assertThat(v).contains("memory"));
        assertThat(broken(production, "KafkaTopic", t -> ((ObjectNode) t.path("spec")).put("partitions", "three")))
                .singleElement().asString().contains("KafkaTopic/", "partitions");
        assertThat(broken(production, "KafkaUser", u -> ((ObjectNode) u.at("/spec/authorization/acls/0"))
                .putArray("operations").add("Steal")))
                .isNotEmpty().first().asString().contains("KafkaUser/", "operations");
        assertThat(broken(production, "Cluster", c -> ((ObjectNode) c.path("spec")).put("instance", 3)))
                .singleElement().asString().contains("Cluster/", "instance");
        assertThat(broken(production, "Cluster", c -> ((ObjectNode) c.path("metadata")).putObject("labels").put("tier", 1)))
                .singleElement().asString().contains("Cluster/", "metadata", "tier");
        assertThat(broken(production, "NetworkPolicy", p -> ((ArrayNode) p.at("/spec/policyTypes")).add(7)))
                .isNotEmpty();
        assertThat(broken(production, "Deployment", d -> ((ObjectNode) d).put("kind", "Deploymnet")))
                .singleElement().asString().contains("no vendored schema for apps/v1 Deploymnet");
    }

    @Test
    void shouldAcceptWhatKubernetesAccepts() throws Exception {
        Manifests production = Manifests.render(KUBERNETES.resolve("overlays/production"));
        assertThat(broken(production, "Deployment", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/resources/requests"))
                .put("cpu", 1))).as("a Quantity may be a number").isEmpty();
        assertThat(broken(production, "Service", s -> ((ObjectNode) s.at("/spec/ports/0")).put("targetPort", 8080)))
                .as("an IntOrString may be an integer").isEmpty();
        assertThat(broken(production, "KafkaTopic", t -> ((ObjectNode) t.at("/spec/config")).put("any.broker.setting", "x")))
                .as("topic config is free-form in the CRD").isEmpty();
    }

    /** The violations of the first object of {@code kind} once {@code change} is applied to a copy of it. */
    private static List<String> broken(Manifests manifests, String kind, Consumer<JsonNode> change) {
        JsonNode copy = manifests.ofKind(kind).get(0).deepCopy();
        change.accept(copy);
        List<String> violations = SCHEMAS.violations(copy);
        violations.forEach(v -> System.out.println("refused: " + v));
        return violations;
    }
}
