package uk.nhs.pdsa.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every overlay an operator applies renders offline and keeps the platform's policies: Pod Security restricted,
 * resources and probes on every container, pinned images from a registry, a disruption budget and network policies
 * for every Deployment, the five public services behind an Ingress with a certificate (production), settings and
 * secrets where the README says. A broken copy of the manifests is refused, so the checks can fail.
 */
class ManifestPolicyTest {
    private static final Path KUBERNETES = Path.of("kubernetes").toAbsolutePath();
    private static final List<String> SERVICES = List.of("audit-ingest-service", "findings-service",
            "action-plan-service", "notification-service", "improvement-portal");

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/production" })
    void shouldKeepEveryPolicyInEveryOverlay(String overlay) throws Exception {
        Manifests manifests = Manifests.render(KUBERNETES.resolve(overlay));
        assertThat(manifests.ofKind("Deployment")).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(manifests.restrictedPodSecurity()).isEmpty();
        assertThat(manifests.resourcesAndProbes()).isEmpty();
        assertThat(manifests.pinnedImages()).isEmpty();
        assertThat(manifests.budgetsAndNetworkPolicies()).isEmpty();
        assertThat(manifests.all()).allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText("pdsa"))
                .isEqualTo("pdsa"));
    }

    @Test
    void shouldRunTwoSpreadInstancesBehindIngressesInProduction() throws Exception {
        Manifests production = Manifests.render(KUBERNETES.resolve("overlays/production"));
        for (JsonNode deployment : production.ofKind("Deployment")) {
            assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
            assertThat(deployment.path("spec").path("template").path("spec").path("topologySpreadConstraints"))
                    .extracting(JsonNode::toString).asString().contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        }
        assertThat(production.ofKind("Ingress")).hasSize(5).allSatisfy(ingress -> {
            assertThat(ingress.path("metadata").path("annotations").path("cert-manager.io/cluster-issuer").asText()).isNotBlank();
            assertThat(ingress.path("spec").path("tls").path(0).path("secretName").asText()).endsWith("-tls");
        });
        assertThat(production.ofKind("Ingress")).extracting(i -> i.at("/spec/rules/0/http/paths/0/backend/service/name").asText())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        Manifests dev = Manifests.render(KUBERNETES.resolve("overlays/dev"));
        assertThat(dev.ofKind("Deployment")).allSatisfy(d -> assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(1));
        assertThat(dev.ofKind("KafkaTopic")).allSatisfy(t -> assertThat(t.path("spec").path("replicas").asInt()).isEqualTo(1));
    }

    /** Metrics the services expose, each asserted by a test of its service (see monitoring/prometheusrule.yaml). */
    private static final java.util.Set<String> EXPOSED = java.util.Set.of("pdsa_outbox_oldest_age_seconds",
            "pdsa_outbox_pending", "pdsa_outbox_published_total", "pdsa_notifications_failed", "pdsa_notifications_retrying",
            "kafka_consumer_fetch_manager_records_lag_max", "http_server_requests_seconds_count");

    /** Production scales on CPU within the database's connection budget, and is watched: scraped, alerted, charted. */
    @Test
    void shouldScaleWithinTheConnectionBudgetAndBeWatchedInProduction() throws Exception {
        for (String overlay : List.of("overlays/dev", "overlays/production")) {
            assertThat(Manifests.render(KUBERNETES.resolve(overlay)).connectionBudget()).as(overlay).isEmpty();
        }
        Manifests production = Manifests.render(KUBERNETES.resolve("overlays/production"));
        assertThat(production.ofKind("HorizontalPodAutoscaler")).extracting(h -> h.at("/spec/scaleTargetRef/name").asText())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(production.ofKind("HorizontalPodAutoscaler")).allSatisfy(h -> assertThat(h.at("/spec/minReplicas").asInt())
                .isGreaterThanOrEqualTo(2));
        assertThat(production.ofKind("ServiceMonitor")).singleElement().satisfies(m -> assertThat(
                m.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics"));
        assertThat(production.ofKind("Service")).allSatisfy(svc -> assertThat(
                svc.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).isEqualTo("pdsa"));
        assertThat(production.alerts(EXPOSED)).isEmpty();
        assertThat(production.ofKind("PrometheusRule").get(0).findValuesAsText("alert")).contains("PdsaOutboxBacklog",
                "PdsaConsumerLag", "PdsaNotificationsDeadLettered", "PdsaServerErrors");
        JsonNode dashboard = production.ofKind("ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().equals("pdsa-dashboard")).findFirst().orElseThrow();
        JsonNode json = Manifests.json().readTree(dashboard.at("/data/pdsa-dashboard.json").asText());
        assertThat(json.path("panels")).hasSizeGreaterThanOrEqualTo(6);
        List<String> unknown = new java.util.ArrayList<>();
        java.util.regex.Matcher metric = java.util.regex.Pattern.compile("\\b((?:pdsa|kafka|http)_[a-z_]+)\\b")
                .matcher(json.findValuesAsText("expr").toString());
        while (metric.find()) {
            if (!EXPOSED.contains(metric.group(1))) {
                unknown.add(metric.group(1));
            }
        }
        assertThat(unknown).as("dashboard metrics the services do not expose").isEmpty();
    }

    /** Tokens, mail and links come from settings; each service reads only its own database role's secret. */
    @Test
    void shouldConfigureTokensMailLinksAndADatabaseRolePerService() throws Exception {
        Manifests production = Manifests.render(KUBERNETES.resolve("overlays/production"));
        JsonNode config = production.ofKind("ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().equals("pdsa-config")).findFirst().orElseThrow();
        assertThat(config.path("data").path("JWT_PUBLIC_KEY_LOCATION").asText()).startsWith("https://").endsWith("/certs");
        assertThat(config.path("data").path("JWT_ISSUER").asText()).startsWith("https://");
        assertThat(config.path("data").path("SMTP_HOST").asText()).isNotBlank().isNotEqualTo("127.0.0.1");
        assertThat(config.path("data").path("LINKS_PORTAL").asText()).startsWith("https://");
        for (JsonNode deployment : production.ofKind("Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode env = deployment.at("/spec/template/spec/containers/0/env");
            List<String> secrets = Stream.iterate(0, i -> i < env.size(), i -> i + 1).map(env::get)
                    .map(e -> e.at("/valueFrom/secretKeyRef/name").asText("")).filter(s -> s.startsWith("pdsa-db")).distinct().toList();
            if (name.equals("improvement-portal")) {
                assertThat(secrets).isEmpty();
            } else {
                assertThat(secrets).hasSize(1).first().asString().isNotEqualTo("pdsa-db-app");
            }
            assertThat(env.toString()).doesNotContain("JAVA_OPTS_APPEND");
        }
        JsonNode cluster = production.ofKind("Cluster").get(0);
        assertThat(cluster.at("/spec/managed/roles").findValuesAsText("name")).contains("findings", "actionplan", "notification");
        assertThat(production.ofKind("Database")).allSatisfy(d -> assertThat(d.at("/spec/owner").asText())
                .isEqualTo(d.at("/spec/name").asText()));
    }

    /** The deployed topics are the local stack's (local-stack/topics.conf), and each keeps what the rebuild needs. */
    @Test
    void shouldDeployTheLocalStacksTopicsWithTheirRetention() throws Exception {
        Manifests base = Manifests.render(KUBERNETES.resolve("base"));
        List<String> local = Files.readAllLines(Path.of("..", "local-stack", "topics.conf")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.trim().split("\\s+"))
                .map(f -> f[0] + " " + f[1] + " " + (f.length > 2 && f[2].contains("retention.ms=")
                        ? f[2].replaceAll(".*retention\\.ms=([^,]+).*", "$1") : "default"))
                .sorted().toList();
        assertThat(base.topics()).isEqualTo(local);
        for (JsonNode topic : base.ofKind("KafkaTopic")) {
            assertThat(topic.at("/spec/config/retention.ms").isMissingNode())
                    .as(topic.at("/metadata/name").asText() + " states its retention").isFalse();
        }
        assertThat(base.ofKind("KafkaTopic").stream().filter(t -> t.at("/metadata/name").asText().equals("pdsa.audit-results.v1"))
                .findFirst().orElseThrow().at("/spec/config/retention.ms").asLong()).isEqualTo(-1);
    }

    /**
     * Kafka demands TLS and SCRAM-SHA-512, each service signs in as its own KafkaUser, and each user may write exactly
     * the topics docs/events/asyncapi.yaml says it publishes (x-kafka-acl of the send operations) and read exactly those
     * and the topics its code consumes (its application.properties), on its own consumer groups only.
     */
    @Test
    void shouldGiveEachServiceItsOwnKafkaUserWithTheAclsOfTheContract() throws Exception {
        Manifests base = Manifests.render(KUBERNETES.resolve("base"));
        assertThat(base.ofKind("KafkaUser")).extracting(u -> u.at("/metadata/name").asText()).containsExactlyInAnyOrder(
                "audit-ingest-service", "findings-service", "action-plan-service", "notification-service");
        assertThat(base.kafkaAccess(Path.of(".."))).isEmpty();
    }

    /** The checks can fail: a copy made privileged, with a latest tag and without its budget, is refused. */
    @Test
    void shouldRefuseABrokenCopy() throws Exception {
        Path copy = Files.createTempDirectory("manifests");
        try {
            copyTree(KUBERNETES, copy);
            Path deployment = copy.resolve("base/service/deployment.yaml");
            Files.writeString(deployment, Files.readString(deployment)
                    .replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")
                    .replace("              drop: [\"ALL\"]", "              add: [\"SYS_ADMIN\"]")
                    .replace("type: RuntimeDefault", "type: Unconfined")
                    .replace("          startupProbe:", "          notAProbe:"));
            Path kustomization = copy.resolve("base/service/kustomization.yaml");
            Files.writeString(kustomization, Files.readString(kustomization).replace("  - pdb.yaml\n", ""));
            Path users = copy.resolve("base/platform/kafka-users.yaml");
            Files.writeString(users, Files.readString(users).replace(
                    "      - resource: {type: topic, name: pdsa.findings.v1, patternType: literal}\n        operations: [Read, Describe]",
                    "      - resource: {type: topic, name: pdsa.findings.v1, patternType: literal}\n        operations: [Read, Describe, Write]"));
            Path root = copy.resolve("base/kustomization.yaml");
            Files.writeString(root, Files.readString(root).replaceFirst("newTag: 0.1.0", "newTag: latest"));
            Path hpa = copy.resolve("overlays/production/hpa.yaml");
            Files.writeString(hpa, Files.readString(hpa).replace("maxReplicas: 4", "maxReplicas: 8"));
            Path rules = copy.resolve("base/monitoring/prometheusrule.yaml");
            Files.writeString(rules, Files.readString(rules).replace("pdsa_outbox_oldest_age_seconds", "pdsa_outbox_age"));
            Manifests broken = Manifests.render(copy.resolve("overlays/production"));
            assertThat(broken.connectionBudget()).singleElement().asString().contains("= 333 connections, above max_connections 200");
            assertThat(broken.alerts(EXPOSED)).containsExactly(
                    "alert PdsaOutboxBacklog: pdsa_outbox_age is not a metric the services expose");
            assertThat(broken.restrictedPodSecurity()).contains(
                    "Deployment/findings-service container app: allowPrivilegeEscalation is not false",
                    "Deployment/findings-service container app: does not drop ALL capabilities",
                    "Deployment/findings-service container app: adds capability SYS_ADMIN",
                    "Deployment/findings-service container app: no RuntimeDefault seccomp profile");
            assertThat(broken.resourcesAndProbes()).contains("Deployment/findings-service container app: no startupProbe");
            assertThat(broken.pinnedImages()).singleElement().asString().contains("audit-ingest-service:latest");
            assertThat(broken.budgetsAndNetworkPolicies()).contains(
                    "Deployment/findings-service: no PodDisruptionBudget selects its pods");
            assertThat(broken.kafkaAccess(Path.of(".."))).contains(
                    "KafkaUser/notification-service writes [pdsa.findings.v1], the contract says []",
                    "KafkaUser/action-plan-service writes [pdsa.cycles.v1, pdsa.findings.v1], the contract says [pdsa.cycles.v1]");
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldReadLabelSelectorsAsKubernetesDoes() throws Exception {
        var json = Manifests.json();
        JsonNode labels = json.readTree("{\"app.kubernetes.io/name\": \"findings-service\", \"app.kubernetes.io/part-of\": \"pdsa\"}");
        assertThat(Manifests.selects(json.readTree("{}"), labels)).as("an empty selector selects every pod").isTrue();
        assertThat(Manifests.selects(json.readTree("{\"matchLabels\": {\"app.kubernetes.io/part-of\": \"pdsa\"}}"), labels)).isTrue();
        assertThat(Manifests.selects(json.readTree("{\"matchLabels\": {\"app.kubernetes.io/name\": \"portal\"}}"), labels)).isFalse();
        assertThat(Manifests.selects(json.readTree("{\"matchExpressions\": [{\"key\": \"app.kubernetes.io/name\", "
                + "\"operator\": \"In\", \"values\": [\"findings-service\", \"x\"]}]}"), labels)).isTrue();
        assertThat(Manifests.selects(json.readTree("{\"matchExpressions\": [{\"key\": \"tier\", \"operator\": \"Exists\"}]}"),
                labels)).isFalse();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
