package uk.nhs.pdsa.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.testing.ScramListener;

/**
 * The KafkaUsers of deploy/kubernetes, enforced by a real broker: the test stack's SCRAM listener authorises as a
 * Strimzi cluster with simple authorization does. Each service's user is created there with exactly the ACLs its
 * manifest gives it; signed in as that user, it can write each topic its ACLs allow and no other (no pod can forge
 * another service's events), and read the topics it consumes only under its own consumer groups.
 * <p>
 * What an allowed write leaves on a topic is a CloudEvent of a type no consumer handles ({@value #CHECK_TYPE}), which
 * every consumer acknowledges and ignores.
 */
class KafkaAclEnforcementTest {
    static final String CHECK_TYPE = "nhs.pdsa.acl-check.v1";
    private static final Path KUBERNETES = Path.of("kubernetes").toAbsolutePath();
    private static final Map<String, Grants> USERS = new HashMap<>();
    private static List<String> topics;

    /** What one user's ACLs allow: topics it may write, topics it may read, consumer-group prefixes it may use. */
    record Grants(Set<String> write, Set<String> read, Set<String> groupPrefixes) {
    }

    @BeforeAll
    static void createTheUsersWithTheirManifestsAcls() throws Exception {
        Manifests platform = Manifests.render(KUBERNETES.resolve("base/platform"));
        topics = platform.ofKind("KafkaTopic").stream().map(t -> t.path("metadata").path("name").asText()).toList();
        List<AclBinding> bindings = new ArrayList<>();
        List<UserScramCredentialUpsertion> logins = new ArrayList<>();
        for (JsonNode user : platform.ofKind("KafkaUser")) {
            String name = user.path("metadata").path("name").asText();
            Grants grants = new Grants(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                ResourcePattern pattern = new ResourcePattern(ResourceType.valueOf(snake(resource.path("type").asText())),
                        resource.path("name").asText(), "prefix".equals(resource.path("patternType").asText())
                                ? PatternType.PREFIXED : PatternType.LITERAL);
                for (JsonNode operation : acl.path("operations")) {
                    AclOperation op = AclOperation.valueOf(snake(operation.asText()));
                    bindings.add(new AclBinding(pattern, new AccessControlEntry("User:" + name, "*", op, AclPermissionType.ALLOW)));
                    if (pattern.resourceType() == ResourceType.TOPIC && op == AclOperation.WRITE) {
                        grants.write().add(pattern.name());
                    } else if (pattern.resourceType() == ResourceType.TOPIC && op == AclOperation.READ) {
                        grants.read().add(pattern.name());
                    } else if (pattern.resourceType() == ResourceType.GROUP && op == AclOperation.READ) {
                        grants.groupPrefixes().add(pattern.name());
                    }
                }
            }
            USERS.put(name, grants);
            logins.add(new UserScramCredentialUpsertion(name, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                    password(name)));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ScramListener.PLAIN))) {
            admin.alterUserScramCredentials(List.copyOf(logins)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        }
        assertThat(USERS).containsOnlyKeys("audit-ingest-service", "findings-service", "action-plan-service",
                "notification-service");
    }

    @Test
    void shouldLetEachServiceWriteExactlyTheTopicsItPublishes() {
        USERS.forEach((user, grants) -> {
            for (String topic : topics) {
                if (grants.write().contains(topic)) {
                    write(user, topic); // succeeds
                } else {
                    // A user that may write nowhere may be refused the idempotent producer's id before the topic
                    // (KIP-679: cluster authorization); either way the broker refuses.
                    assertThatThrownBy(() -> write(user, topic)).as(user + " writing " + topic)
                            .hasRootCauseInstanceOf(grants.write().isEmpty() ? AuthorizationException.class
                                    : TopicAuthorizationException.class);
                }
            }
        });
        assertThat(USERS.get("findings-service").write()).containsExactly("pdsa.findings.v1");
        assertThat(USERS.get("notification-service").write()).isEmpty();
    }

    @Test
    void shouldLetEachServiceReadItsTopicsUnderItsOwnGroupsOnly() {
        USERS.forEach((user, grants) -> {
            List<String> readable = topics.stream().filter(grants.read()::contains).toList();
            if (!grants.groupPrefixes().isEmpty()) {
                String group = grants.groupPrefixes().iterator().next() + ".acl-check";
                read(user, group, readable); // no error
                assertThatThrownBy(() -> read(user, "intruder.acl-check", readable)).as(user + " in another group")
                        .isInstanceOf(GroupAuthorizationException.class);
                List<String> others = topics.stream().filter(t -> !grants.read().contains(t)).toList();
                if (!others.isEmpty()) {
                    assertThatThrownBy(() -> read(user, group, others)).as(user + " reading " + others)
                            .isInstanceOf(TopicAuthorizationException.class);
                }
            }
        });
    }

    private static void write(String user, String topic) {
        Map<String, Object> config = new HashMap<>(login(user));
        config.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.SOURCE, bytes("/pdsa/deploy-checks"));
        headers.add(CloudEventHeaders.TYPE, bytes(CHECK_TYPE));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, null, "acl-check/" + user, "{}", headers)).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(user + " could not write " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Joins {@code group}, subscribed to {@code topics}, and polls until it has partitions; throws what Kafka refuses. */
    private static void read(String user, String group, List<String> topics) {
        Map<String, Object> config = new HashMap<>(login(user));
        config.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (consumer.assignment().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(user + " was given no partition of " + topics + " in " + group);
                }
                consumer.poll(Duration.ofMillis(200));
            }
        }
    }

    private static Map<String, Object> login(String user) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, ScramListener.ADDRESS,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password(user) + "\";");
    }

    private static String password(String user) {
        return "acl-check-" + user;
    }

    /** Strimzi's names (Write, DescribeConfigs, transactionalId) as Kafka's enums (WRITE, DESCRIBE_CONFIGS, ...). */
    private static String snake(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
