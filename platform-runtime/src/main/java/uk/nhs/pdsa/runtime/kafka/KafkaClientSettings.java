package uk.nhs.pdsa.runtime.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How every Kafka client of a service connects beyond its bootstrap servers: the security protocol, the SASL
 * mechanism and login, the trust store. The messaging channels take the same {@code kafka.*} settings from Quarkus;
 * the service's own clients (the outbox relay's producer, its reconciler, the readiness check) take them from here,
 * so that a cluster that demands TLS and SCRAM-SHA-512 (deploy/README.md) is met by all of them alike.
 */
public final class KafkaClientSettings {
    /** The settings passed on when set ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_JAAS_CONFIG}, ...). */
    static final List<String> KEYS = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.type", "ssl.truststore.location");

    private KafkaClientSettings() {
    }

    /** The security settings of {@code kafka.*} in the service's configuration, ready to add to a client's. */
    public static Map<String, Object> security() {
        return security(ConfigProvider.getConfig());
    }

    static Map<String, Object> security(Config config) {
        Map<String, Object> settings = new HashMap<>();
        for (String key : KEYS) {
            Optional<String> value = config.getOptionalValue("kafka." + key, String.class).filter(v -> !v.isBlank());
            value.ifPresent(v -> settings.put(key, v));
        }
        return settings;
    }
}
