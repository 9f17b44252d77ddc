package uk.nhs.pdsa.testing;

import java.util.Map;

/**
 * The test stack's second Kafka listener, which demands SCRAM-SHA-512 as a deployed cluster does
 * (local-stack/stack.sh: the plain port + 2, user pdsa-local, kept by Topics.java), and the settings a deployment
 * gives a service to sign in there.
 */
public final class ScramListener {
    /** The plain listener, where tests send and read events without signing in. */
    public static final String PLAIN = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    /** The SCRAM listener of the same broker. */
    public static final String ADDRESS = PLAIN.substring(0, PLAIN.lastIndexOf(':') + 1)
            + (Integer.parseInt(PLAIN.substring(PLAIN.lastIndexOf(':') + 1)) + 2);

    private ScramListener() {
    }

    /** The JAAS line of user pdsa-local with {@code password}. */
    public static String login(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"pdsa-local\" password=\""
                + password + "\";";
    }

    /** A Quarkus test profile that points the service at the SCRAM listener with the right password. */
    public static class Profile implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return serviceSettings();
        }
    }

    /** A service's configuration to use the SCRAM listener with the right password. */
    public static Map<String, String> serviceSettings() {
        return Map.of("kafka.bootstrap.servers", ADDRESS, "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", "SCRAM-SHA-512", "kafka.sasl.jaas.config", login("pdsa-local-secret"));
    }
}
