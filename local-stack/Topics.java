import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Waits for the broker, then creates the topics listed in topics.conf that do not exist yet.
 * Run with the JDK's source launcher: {@code java -cp 'libs/*' Topics.java host:port topics.conf}.
 * One JVM for all topics keeps the stack start fast (TopicCommand would need one JVM per topic).
 */
public class Topics {
    static final String SCRAM_USER = "pdsa-local";
    static final String SCRAM_PASSWORD = "pdsa-local-secret";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        List<NewTopic> wanted = parse(Path.of(args[1]));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = waitForBroker(admin, Instant.now().plusSeconds(60));
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            // Settings in topics.conf also apply to topics created by an earlier version of the file.
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (NewTopic t : wanted) {
                if (!missing.contains(t) && t.configs() != null && !t.configs().isEmpty()) {
                    changes.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), t.configs().entrySet().stream()
                            .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                            .toList());
                }
            }
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
            }
            for (NewTopic t : wanted) {
                System.out.printf("  topic %-28s partitions=%d%s%n", t.name(), t.numPartitions(),
                        missing.contains(t) ? " (created)" : "");
            }
            // The SASL listener's user (SCRAM-SHA-512), set again at every start so its password is known.
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(SCRAM_USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), SCRAM_PASSWORD)))
                    .all().get(30, TimeUnit.SECONDS);
            System.out.printf("  SCRAM-SHA-512 user %s%n", SCRAM_USER);
        }
    }

    private static Set<String> waitForBroker(Admin admin, Instant deadline) throws InterruptedException {
        while (true) {
            try {
                return admin.listTopics().names().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka broker did not answer within 60 s", e);
                }
                Thread.sleep(300);
            }
        }
    }

    private static List<NewTopic> parse(Path file) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            NewTopic topic = new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1);
            if (parts.length > 2) {
                Map<String, String> configs = new HashMap<>();
                for (String kv : parts[2].split(",")) {
                    String[] pair = kv.split("=", 2);
                    configs.put(pair[0], pair[1]);
                }
                topic.configs(configs);
            }
            topics.add(topic);
        }
        return topics;
    }
}
