package uk.nhs.pdsa.runtime.health;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready only while the Kafka cluster answers, unless {@code pdsa.health.kafka-required-for-readiness} is false:
 * a service that keeps working without the broker (audit-ingest accepts and stores, its outbox holds the
 * events until the broker returns) stays ready and reports the outage in the check's data instead, so a
 * broker outage does not take it out of its load balancer. Answers within {@code pdsa.health.kafka-timeout} either
 * way: Quarkus' own check waits for the admin client's 60 s API timeout when the broker is gone, longer
 * than any probe waits, so a broker outage would never show.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerReadiness implements HealthCheck {
    private final String bootstrapServers;
    private final int timeoutMillis;
    private final boolean requiredForReadiness;
    private volatile Admin admin;

    public KafkaBrokerReadiness(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "pdsa.health.kafka-timeout-ms", defaultValue = "3000") int timeoutMillis,
            @ConfigProperty(name = "pdsa.health.kafka-required-for-readiness", defaultValue = "true")
            boolean requiredForReadiness) {
        this.bootstrapServers = bootstrapServers;
        this.timeoutMillis = timeoutMillis;
        this.requiredForReadiness = requiredForReadiness;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis))
                    .nodes().get(timeoutMillis + 1000L, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("Kafka broker").up()
                    .withData("bootstrap.servers", bootstrapServers).withData("nodes", nodes.size()).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named("Kafka broker").status(!requiredForReadiness)
                    .withData("bootstrap.servers", bootstrapServers).withData("broker", "unreachable")
                    .withData("reason", String.valueOf(e.getMessage()))
                    .withData("effect", requiredForReadiness ? "not ready"
                            : "still serving; events wait in the outbox until the broker returns")
                    .build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> config = new java.util.HashMap<>(
                            uk.nhs.pdsa.runtime.kafka.KafkaClientSettings.security());
                    config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.CLIENT_ID_CONFIG, "pdsa-readiness",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis));
                    admin = Admin.create(config);
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
