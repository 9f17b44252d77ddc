package uk.nhs.pdsa.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.events.Topics;

/**
 * Ingest's delivery guarantee under failure: while batches of 1,000 results are being posted, the service is
 * killed with SIGKILL, or the broker is stopped. Batches carry an Idempotency-Key, so a client whose request
 * died with the service retries it safely. Afterwards the topic must hold exactly one event per accepted
 * revision (counted by CloudEvents id) and none for a rejected batch.
 */
class IngestDeliveryIT {
    private static final String KAFKA = System.getProperty("pdsa.kafka", "127.0.0.1:19092");
    private static final EventProbe PROBE = new EventProbe(KAFKA);
    private static final int MICROSYSTEMS = 40;
    private static ServiceProcess ingest;

    private String trust;

    @BeforeAll
    static void startIngest() throws Exception {
        ingest = new ServiceProcess("audit-ingest-service", 18091, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", KAFKA,
                "DB_PORT", System.getProperty("pdsa.pg.port", "55433"),
                "DB_NAME", "e2e_delivery"), Path.of(System.getProperty("pdsa.logs", "target/e2e-logs"), "delivery"));
        ingest.start();
    }

    @AfterAll
    static void stopIngest() throws Exception {
        if (ingest != null) {
            ingest.stop();
        }
    }

    @BeforeEach
    void catalogue() throws Exception {
        if (!ingest.running()) {
            ingest.start();
        }
        trust = TestOrganisations.unique("D");
        TestTokens.actAs(trust);
        E2eCatalogue.admin(ingest.url())
                .body(Map.of("title", "National Hip Fracture Database", "specialty", "orthopaedics", "metrics", List.of(
                        Map.of("code", "surgery-within-36h", "title", "Surgery within 36 hours", "type", "proportion",
                                "direction", "higher-is-better"))))
                .put("/api/v1/audits/nhfd").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        E2eCatalogue.admin(ingest.url()).body(Map.of("name", "Delivery trust", "type", "trust"))
                .put("/api/v1/organisations/" + trust).then().statusCode(201);
        for (int ms = 0; ms < MICROSYSTEMS; ms++) {
            E2eCatalogue.admin(ingest.url()).body(Map.of("name", "Team " + ms))
                    .put("/api/v1/organisations/" + trust + "/microsystems/team-" + ms).then().statusCode(201);
        }
    }

    @Test
    void shouldPublishEveryAcceptedResultExactlyOnceWhenIngestIsKilledMidLoad() throws Exception {
        String logBefore = log();
        // 25 batches of 400 months (1990-01 to 2023-04: periods must have begun, and begin in 1990 or later).
        Load load = new Load(25, 400, Duration.ZERO);
        Future<?> running = load.start();
        awaitAccepted(load, 7);
        ingest.kill();
        running.get(120, TimeUnit.SECONDS);
        System.out.printf("[e2e] ingest killed with %d of %d batches accepted, %d in flight failed%n",
                load.accepted.size(), load.batches, load.failed.size());
        ingest.start();
        load.retryFailed();
        assertExactlyOnce(load);
        String after = log().substring(logBefore.length());
        System.out.println("[e2e] after restart: " + after.lines().filter(l -> l.contains("Outbox reconciliation"))
                .findFirst().orElse("no in-doubt batch (the kill fell outside a relay send)"));
    }

    @Test
    void shouldAcceptThroughABrokerOutageAndPublishEveryResultExactlyOnceAfterwards() throws Exception {
        // Paced (a batch every 300 ms) so that the load is still running while the broker is down.
        Load load = new Load(40, 200, Duration.ofMillis(300));
        Future<?> running = load.start();
        awaitAccepted(load, 2);
        TestStack.kafka("kafka-stop");
        int acceptedWhenStopped = load.accepted.size();
        int acceptedDuringOutage;
        try {
            awaitAccepted(load, acceptedWhenStopped + 5);
            acceptedDuringOutage = load.accepted.size() - acceptedWhenStopped;
        } finally {
            TestStack.kafka("kafka-start");
        }
        running.get(180, TimeUnit.SECONDS);
        System.out.printf("[e2e] broker stopped after %d batches; %d accepted while it was down, %d in all%n",
                acceptedWhenStopped, acceptedDuringOutage, load.accepted.size());
        assertThat(acceptedDuringOutage).as("batches accepted while the broker was down").isGreaterThanOrEqualTo(5);
        load.retryFailed();
        assertThat(load.failed).isEmpty();
        assertExactlyOnce(load);
    }

    private void assertExactlyOnce(Load load) {
        Set<String> expected = load.expectedEventIds();
        assertThat(expected).hasSize(load.batches * load.size);
        String rejectedSubject = "/" + trust + "/rejected@";
        Function<ConsumerRecord<String, String>, String> subject = r -> String.valueOf(EventProbe.header(r, CloudEventHeaders.SUBJECT));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() ->
                PROBE.upToEnd(Topics.AUDIT_RESULTS, r -> subject.apply(r).contains("/" + trust + "/")).size() >= expected.size());
        List<ConsumerRecord<String, String>> events = PROBE.upToEnd(Topics.AUDIT_RESULTS,
                r -> subject.apply(r).contains("/" + trust + "/"));
        Map<String, Long> perId = events.stream().collect(Collectors.groupingBy(
                r -> EventProbe.header(r, CloudEventHeaders.ID), Collectors.counting()));
        System.out.printf("[e2e] %d results accepted, %d events on the topic, %d distinct ids%n", expected.size(),
                events.size(), perId.size());
        assertThat(perId.keySet()).isEqualTo(expected);
        assertThat(perId.values()).containsOnly(1L);
        assertThat(events).noneMatch(r -> subject.apply(r).contains(rejectedSubject));
    }

    private void awaitAccepted(Load load, int batches) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> load.accepted.size() >= batches || load.done);
    }

    private static String log() throws java.io.IOException {
        Path file = Path.of(System.getProperty("pdsa.logs", "target/e2e-logs"), "delivery", "audit-ingest-service.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }

    /** Posts batches one after another (every other batch also a rejected one) until all are accepted or fail. */
    private final class Load {
        final int batches;
        final int size;
        final Duration pause;
        final Map<Integer, String> keys = new HashMap<>();
        final Map<Integer, List<String>> accepted = new java.util.concurrent.ConcurrentHashMap<>();
        final List<Integer> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean done;

        Load(int batches, int size, Duration pause) {
            this.batches = batches;
            this.size = size;
            this.pause = pause;
            for (int i = 0; i < batches; i++) {
                keys.put(i, UUID.randomUUID().toString());
            }
        }

        Future<?> start() {
            ExecutorService single = Executors.newSingleThreadExecutor();
            Future<?> future = single.submit(() -> {
                for (int i = 0; i < batches; i++) {
                    post(i);
                    if (i % 2 == 0) {
                        postRejected(i);
                    }
                    try {
                        Thread.sleep(pause.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                done = true;
            });
            single.shutdown();
            return future;
        }

        void post(int batch) {
            try {
                Response response = given().baseUri(ingest.url()).contentType(ContentType.JSON)
                        .header("Idempotency-Key", keys.get(batch)).body(items(batch, "team-" + batch))
                        .post("/api/v1/audit-results");
                if (response.statusCode() == 200) {
                    List<String> ids = new ArrayList<>();
                    List<Map<String, Object>> results = response.jsonPath().getList("results");
                    for (Map<String, Object> r : results) {
                        ids.add(eventId((String) r.get("id"), (Integer) r.get("revision")));
                    }
                    accepted.put(batch, ids);
                    failed.remove(Integer.valueOf(batch));
                } else {
                    failed.add(batch);
                }
            } catch (Exception e) {
                // (RestAssured throws the connection's IOException unchecked.) The service died under this request: its fate is unknown to the client, who retries it.
                if (!failed.contains(batch)) {
                    failed.add(batch);
                }
            }
        }

        void postRejected(int batch) {
            try {
                List<Map<String, Object>> items = items(batch, "team-0");
                items.forEach(item -> item.put("microsystem", "rejected"));
                given().baseUri(ingest.url()).contentType(ContentType.JSON).body(items).post("/api/v1/audit-results");
            } catch (Exception e) {
                // as above; a rejected batch stays rejected whatever happens
            }
        }

        void retryFailed() {
            for (int batch : List.copyOf(failed)) {
                post(batch);
            }
        }

        Set<String> expectedEventIds() {
            return accepted.values().stream().flatMap(List::stream).collect(Collectors.toCollection(HashSet::new));
        }

        private List<Map<String, Object>> items(int batch, String microsystem) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int month = 0; month < size; month++) {
                items.add(new HashMap<>(Map.of("audit", "nhfd", "metric", "surgery-within-36h", "organisation", trust,
                        "microsystem", microsystem, "period", String.format("%d-%02d", 1990 + month / 12, month % 12 + 1),
                        "numerator", 40 + batch % 7, "denominator", 52)));
            }
            return items;
        }
    }

    /** The outbox event id of a revision, as ingest derives it. */
    private static String eventId(String resultId, int revision) {
        return UUID.nameUUIDFromBytes((resultId + "#" + revision).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
