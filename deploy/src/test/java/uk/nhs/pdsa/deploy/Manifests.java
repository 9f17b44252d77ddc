package uk.nhs.pdsa.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The objects a kustomization renders to ({@code kubectl kustomize}, offline), and the platform's policies for them,
 * each a list of violations (empty when the manifests keep it).
 */
final class Manifests {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<JsonNode> objects;

    private Manifests(List<JsonNode> objects) {
        this.objects = objects;
    }

    /** Renders {@code kustomization} with {@code kubectl kustomize}; fails with kubectl's own words if it cannot. */
    static Manifests render(Path kustomization) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString()).start();
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + err);
        }
        List<JsonNode> objects = new ArrayList<>();
        ObjectReader reader = YAML.reader();
        try (var parser = new YAMLFactory().createParser(out)) {
            var documents = reader.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        }
        return new Manifests(objects);
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }

    /**
     * Pod Security Standard "restricted" (kubernetes.io/docs/concepts/security/pod-security-standards) for every
     * workload's pod template, and the namespace enforcing it.
     */
    List<String> restrictedPodSecurity() {
        List<String> violations = new ArrayList<>();
        for (JsonNode namespace : ofKind("Namespace")) {
            if (!"restricted".equals(namespace.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText())) {
                violations.add(name(namespace) + ": does not enforce Pod Security restricted");
            }
        }
        for (JsonNode workload : ofKind("Deployment")) {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (pod.path(host).asBoolean(false)) {
                    violations.add(name(workload) + ": " + host);
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("hostPath")) {
                    violations.add(name(workload) + ": hostPath volume " + volume.path("name").asText());
                }
            }
            for (JsonNode container : pod.path("containers")) {
                String at = name(workload) + " container " + container.path("name").asText() + ": ";
                JsonNode security = container.path("securityContext");
                if (!security.path("allowPrivilegeEscalation").isBoolean() || security.path("allowPrivilegeEscalation").asBoolean()) {
                    violations.add(at + "allowPrivilegeEscalation is not false");
                }
                if (security.path("privileged").asBoolean(false)) {
                    violations.add(at + "privileged");
                }
                boolean dropsAll = false;
                for (JsonNode drop : security.path("capabilities").path("drop")) {
                    dropsAll |= "ALL".equals(drop.asText());
                }
                if (!dropsAll) {
                    violations.add(at + "does not drop ALL capabilities");
                }
                for (JsonNode add : security.path("capabilities").path("add")) {
                    if (!"NET_BIND_SERVICE".equals(add.asText())) {
                        violations.add(at + "adds capability " + add.asText());
                    }
                }
                if (!security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false))) {
                    violations.add(at + "may run as root (runAsNonRoot)");
                }
                if (security.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt(1)) == 0) {
                    violations.add(at + "runs as user 0");
                }
                String seccomp = security.path("seccompProfile").path("type")
                        .asText(podSecurity.path("seccompProfile").path("type").asText(""));
                if (!List.of("RuntimeDefault", "Localhost").contains(seccomp)) {
                    violations.add(at + "no RuntimeDefault seccomp profile");
                }
            }
        }
        return violations;
    }

    /** Every container states its CPU and memory requests and its memory limit, and has all three probes. */
    List<String> resourcesAndProbes() {
        List<String> violations = new ArrayList<>();
        for (JsonNode workload : ofKind("Deployment")) {
            for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
                String at = name(workload) + " container " + container.path("name").asText() + ": ";
                JsonNode resources = container.path("resources");
                for (String need : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                    if (resources.at("/" + need).isMissingNode()) {
                        violations.add(at + "no " + need.replace('/', '.'));
                    }
                }
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    if (!container.has(probe)) {
                        violations.add(at + "no " + probe);
                    }
                }
            }
        }
        return violations;
    }

    /** Images are pinned: a registry, a name and a tag other than latest. */
    List<String> pinnedImages() {
        List<String> violations = new ArrayList<>();
        for (JsonNode workload : ofKind("Deployment")) {
            for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
                String image = container.path("image").asText();
                String tag = image.contains("@") ? "digest" : image.substring(image.lastIndexOf('/') + 1).contains(":")
                        ? image.substring(image.lastIndexOf(':') + 1) : "";
                if (tag.isEmpty() || tag.equals("latest")) {
                    violations.add(name(workload) + ": image " + image + " is not pinned to a version");
                }
                if (image.indexOf('/') < 0 || !image.substring(0, image.indexOf('/')).contains(".")) {
                    violations.add(name(workload) + ": image " + image + " names no registry");
                }
            }
        }
        return violations;
    }

    /** Every Deployment has a PodDisruptionBudget and is selected by a NetworkPolicy for ingress and for egress. */
    List<String> budgetsAndNetworkPolicies() {
        List<String> violations = new ArrayList<>();
        for (JsonNode workload : ofKind("Deployment")) {
            JsonNode labels = workload.path("spec").path("template").path("metadata").path("labels");
            boolean budget = ofKind("PodDisruptionBudget").stream()
                    .anyMatch(pdb -> selects(pdb.path("spec").path("selector"), labels));
            if (!budget) {
                violations.add(name(workload) + ": no PodDisruptionBudget selects its pods");
            }
            for (String type : List.of("Ingress", "Egress")) {
                boolean covered = ofKind("NetworkPolicy").stream().anyMatch(policy -> selects(
                        policy.path("spec").path("podSelector"), labels) && policyTypes(policy).contains(type));
                if (!covered) {
                    violations.add(name(workload) + ": no NetworkPolicy restricts its " + type.toLowerCase());
                }
            }
        }
        return violations;
    }

    private static List<String> policyTypes(JsonNode policy) {
        List<String> types = new ArrayList<>();
        policy.path("spec").path("policyTypes").forEach(t -> types.add(t.asText()));
        return types;
    }

    /** Whether a label selector (matchLabels, matchExpressions In/NotIn/Exists) selects {@code labels}. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> match : selector.path("matchLabels").properties()) {
            if (!match.getValue().asText().equals(labels.path(match.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Kafka demands TLS and SCRAM-SHA-512; each KafkaUser writes exactly what {@code docs/events/asyncapi.yaml} says it
     * publishes, reads exactly that and what its service's code consumes, on its own consumer groups; each Deployment
     * that uses Kafka signs in as its own user.
     *
     * @param repository the repository's root (for the AsyncAPI document and the services' application.properties)
     */
    List<String> kafkaAccess(Path repository) throws IOException {
        List<String> violations = new ArrayList<>();
        for (JsonNode kafka : ofKind("Kafka")) {
            JsonNode listeners = kafka.at("/spec/kafka/listeners");
            for (JsonNode listener : listeners) {
                if (!listener.path("tls").asBoolean() || !"scram-sha-512".equals(listener.at("/authentication/type").asText())) {
                    violations.add(name(kafka) + ": listener " + listener.path("name").asText() + " is not TLS with SCRAM-SHA-512");
                }
            }
            if (!"simple".equals(kafka.at("/spec/kafka/authorization/type").asText())) {
                violations.add(name(kafka) + ": no ACL authorization");
            }
        }
        JsonNode asyncapi = YAML.readTree(repository.resolve("docs/events/asyncapi.yaml").toFile());
        Map<String, java.util.Set<String>> publishes = new java.util.TreeMap<>();
        asyncapi.path("operations").forEach(op -> {
            if (op.path("action").asText().equals("send")) {
                String user = op.path("x-kafka-acl").asText().replaceFirst("^Kafka user ([a-z-]+):.*", "$1");
                String channel = op.at("/channel/$ref").asText().replace("#/channels/", "");
                publishes.computeIfAbsent(user, u -> new java.util.TreeSet<>())
                        .add(asyncapi.at("/channels/" + channel + "/address").asText());
            }
        });
        for (JsonNode user : ofKind("KafkaUser")) {
            String service = user.at("/metadata/name").asText();
            if (!"scram-sha-512".equals(user.at("/spec/authentication/type").asText())) {
                violations.add(name(user) + ": does not sign in with SCRAM-SHA-512");
            }
            java.util.Set<String> writes = new java.util.TreeSet<>();
            java.util.Set<String> reads = new java.util.TreeSet<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                String resource = acl.at("/resource/name").asText();
                List<String> operations = new ArrayList<>();
                acl.path("operations").forEach(o -> operations.add(o.asText()));
                if (acl.at("/resource/type").asText().equals("group")) {
                    if (!resource.equals(service) || !"prefix".equals(acl.at("/resource/patternType").asText())) {
                        violations.add(name(user) + ": group " + resource + " is not its own");
                    }
                    continue;
                }
                if (!"literal".equals(acl.at("/resource/patternType").asText())) {
                    violations.add(name(user) + ": " + resource + " is not a literal topic");
                }
                if (operations.contains("Write")) {
                    writes.add(resource);
                }
                if (operations.contains("Read")) {
                    reads.add(resource);
                }
            }
            java.util.Set<String> contract = publishes.getOrDefault(service, java.util.Set.of());
            if (!writes.equals(contract)) {
                violations.add(name(user) + " writes " + writes + ", the contract says " + contract);
            }
            java.util.Set<String> consumed = new java.util.TreeSet<>(contract);
            Path properties = repository.resolve(service).resolve("src/main/resources/application.properties");
            for (String line : java.nio.file.Files.readAllLines(properties)) {
                if (line.matches("mp\\.messaging\\.incoming\\.[a-z-]+\\.topic=.*")) {
                    consumed.add(line.substring(line.indexOf('=') + 1).trim());
                }
            }
            if (!reads.equals(consumed)) {
                violations.add(name(user) + " reads " + reads + ", its code consumes and publishes " + consumed);
            }
        }
        for (JsonNode deployment : ofKind("Deployment")) {
            String service = deployment.at("/metadata/name").asText();
            boolean usesKafka = ofKind("KafkaUser").stream().anyMatch(u -> u.at("/metadata/name").asText().equals(service));
            String login = null;
            for (JsonNode e : deployment.at("/spec/template/spec/containers/0/env")) {
                if (e.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                    login = e.at("/valueFrom/secretKeyRef/name").asText();
                }
            }
            if (usesKafka && !service.equals(login)) {
                violations.add(name(deployment) + ": signs in to Kafka as " + login + ", not as itself");
            }
        }
        return violations;
    }

    /**
     * The database connections every instance can open at once stay under {@code max_connections}: for each Deployment
     * with a database, its most instances (the HPA's maximum, else its replicas) times {@code DB_POOL_SIZE}, plus 10
     * for the operator and replication and the 3 PostgreSQL keeps for superusers.
     */
    List<String> connectionBudget() {
        List<String> violations = new ArrayList<>();
        int pool = ofKind("ConfigMap").stream().filter(c -> c.at("/metadata/name").asText().equals("pdsa-config"))
                .mapToInt(c -> c.at("/data/DB_POOL_SIZE").asInt(16)).findFirst().orElse(16);
        int wanted = 13;
        StringBuilder sum = new StringBuilder();
        for (JsonNode deployment : ofKind("Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            boolean database = deployment.at("/spec/template/spec/containers/0/env").findValuesAsText("name").contains("DB_PASSWORD");
            if (!database) {
                continue;
            }
            int instances = ofKind("HorizontalPodAutoscaler").stream()
                    .filter(h -> h.at("/spec/scaleTargetRef/name").asText().equals(name))
                    .mapToInt(h -> h.at("/spec/maxReplicas").asInt()).findFirst()
                    .orElse(deployment.at("/spec/replicas").asInt(1));
            wanted += instances * pool;
            sum.append(name).append(' ').append(instances).append(" x ").append(pool).append(", ");
        }
        for (JsonNode cluster : ofKind("Cluster")) {
            int max = cluster.at("/spec/postgresql/parameters/max_connections").asInt(100);
            if (wanted > max) {
                violations.add(name(cluster) + ": " + sum + "+ 13 = " + wanted + " connections, above max_connections " + max);
            }
        }
        return violations;
    }

    /** Alerts: each says how bad (severity) and what happened (summary), on metrics the services expose. */
    List<String> alerts(java.util.Set<String> exposed) {
        List<String> violations = new ArrayList<>();
        for (JsonNode rules : ofKind("PrometheusRule")) {
            for (JsonNode rule : rules.findValues("rules").stream().flatMap(r -> java.util.stream.StreamSupport.stream(r.spliterator(), false)).toList()) {
                String alert = rule.path("alert").asText();
                if (rule.at("/labels/severity").asText().isEmpty() || rule.at("/annotations/summary").asText().isEmpty()) {
                    violations.add("alert " + alert + ": no severity or summary");
                }
                java.util.regex.Matcher metric = java.util.regex.Pattern.compile("\\b((?:pdsa|kafka|http)_[a-z_]+)\\b")
                        .matcher(rule.path("expr").asText());
                while (metric.find()) {
                    if (!exposed.contains(metric.group(1))) {
                        violations.add("alert " + alert + ": " + metric.group(1) + " is not a metric the services expose");
                    }
                }
            }
        }
        return violations;
    }

    /** The KafkaTopics as {@code name partitions retention.ms}, for comparison with the local stack's topics.conf. */
    List<String> topics() {
        return ofKind("KafkaTopic").stream()
                .map(t -> t.path("metadata").path("name").asText() + " " + t.path("spec").path("partitions").asInt() + " "
                        + t.at("/spec/config/retention.ms").asText("default"))
                .sorted().toList();
    }

    static ObjectMapper json() {
        return new ObjectMapper();
    }
}
