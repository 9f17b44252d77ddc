package uk.nhs.pdsa.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * Two instances of every service on the test stack, as production runs them. Under a sustained load with findings,
 * needs and messages flowing: the consumer groups share the partitions between the two; then one instance of each
 * service is killed (SIGKILL) mid-load, the clients retry what died with them on the other ingest, and at the end
 * nothing is lost and no effect is doubled: one event per accepted result, one concern finding and one improvement
 * need per ward, one message per need and recipient.
 */
class ScaleOutIT {
    private static final String KAFKA = System.getProperty("pdsa.kafka", "127.0.0.1:19092");
    private static final Path LOGS = Path.of(System.getProperty("pdsa.logs", "target/e2e-logs"), "scale-out");
    private static final int WARDS = 24;
    private static final int MONTHS = 28;
    private static final List<ServiceProcess> ALL = new ArrayList<>();
    private static ServiceProcess ingestA;
    private static ServiceProcess ingestB;
    private static ServiceProcess findingsA;
    private static ServiceProcess findingsB;
    private static ServiceProcess actionPlanA;
    private static ServiceProcess actionPlanB;
    private static ServiceProcess notificationA;
    private static ServiceProcess notificationB;

    @BeforeAll
    static void startTwoOfEach() throws Exception {
        ingestA = service("audit-ingest-service", 18201, "e2e_scale_ingest", "a");
        ingestB = service("audit-ingest-service", 18202, "e2e_scale_ingest", "b");
        findingsA = service("findings-service", 18203, "e2e_scale_findings", "a");
        findingsB = service("findings-service", 18204, "e2e_scale_findings", "b");
        actionPlanA = service("action-plan-service", 18205, "e2e_scale_actionplan", "a");
        actionPlanB = service("action-plan-service", 18206, "e2e_scale_actionplan", "b");
        notificationA = service("notification-service", 18207, "e2e_scale_notification", "a");
        notificationB = service("notification-service", 18208, "e2e_scale_notification", "b");
        ALL.addAll(List.of(ingestA, ingestB, findingsA, findingsB, actionPlanA, actionPlanB, notificationA, notificationB));
        ServiceProcess.startAll(ALL);
    }

    private static ServiceProcess service(String name, int port, String database, String instance) {
        return ServiceProcess.onTestStack(name, port, database, "http://127.0.0.1:18204", LOGS.resolve(instance), Map.of());
    }

    @AfterAll
    static void stopAll() throws Exception {
        ServiceProcess.stopAll(ALL);
    }

    @Test
    void shouldShareTheWorkAndLoseNothingWhenOneInstanceOfEachDies() throws Exception {
        String trust = TestOrganisations.unique("Q");
        TestTokens.actAs(trust);
        E2eCatalogue.hipFracture(ingestA.url(), trust, "Scale-out trust",
                java.util.stream.IntStream.range(0, WARDS).mapToObj(w -> "ward-" + w).toList(), ingestB.url(), findingsA.url(),
                findingsB.url(), actionPlanA.url(), actionPlanB.url(), notificationA.url(), notificationB.url());
        for (String role : List.of("clinical-lead", "improvement-lead")) {
            given().baseUri(notificationA.url()).contentType(ContentType.JSON).body(Map.of("organisation", trust,
                    "name", "The " + role, "role", role, "email", role + "@" + trust.toLowerCase() + ".scale.nhs.test"))
                    .post("/api/v1/contacts").then().statusCode(201);
        }

        // Each ward: 20 steady months, then 8 well below: a shift, so a concern finding, a need and its messages.
        Instant start = Instant.now();
        Map<String, String> accepted = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> batches = new ArrayList<>();
        for (int w = 0; w < WARDS; w++) {
            String ward = "ward-" + w;
            ServiceProcess first = w % 2 == 0 ? ingestA : ingestB;
            batches.add(clients.submit(() -> {
                String key = UUID.randomUUID().toString();
                List<Map<String, Object>> months = history(trust, ward);
                for (ServiceProcess target : List.of(first, first == ingestA ? ingestB : ingestA)) {
                    try {
                        int status = given().baseUri(target.url()).header("Idempotency-Key", key)
                                .contentType(ContentType.JSON).body(months).post("/api/v1/audit-results").statusCode();
                        if (status == 200) {
                            accepted.put(ward, target.name() + ":" + target.url());
                            return null;
                        }
                    } catch (Exception died) {
                        // the instance died under the request: the same request, same key, to the other one
                    }
                }
                throw new IllegalStateException(ward + " not accepted by either ingest");
            }));
            Thread.sleep(150);
            if (w == WARDS / 3) {
                // Mid-load, findings has both instances in its group, each owning partitions of the results topic.
                // (The group has a consumer per channel and instance: those of the results channel share its 6.)
                await().atMost(Duration.ofSeconds(30)).until(() -> members("findings-service").size() == 2);
                Map<String, Integer> shares = members("findings-service").stream().collect(Collectors.toMap(
                        MemberDescription::consumerId, m -> (int) m.assignment().topicPartitions().stream()
                                .filter(p -> p.topic().equals(Topics.AUDIT_RESULTS)).count()));
                System.out.println("[e2e] findings-service partitions of " + Topics.AUDIT_RESULTS + " per instance: "
                        + shares.values());
                assertThat(shares.values()).hasSize(2).allSatisfy(n -> assertThat(n).isGreaterThan(0))
                        .satisfies(n -> assertThat(n.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6));
                for (ServiceProcess victim : List.of(ingestA, findingsA, actionPlanA, notificationA)) {
                    victim.kill();
                }
                System.out.printf("[e2e] killed one instance of each service with %d of %d wards accepted%n",
                        accepted.size(), WARDS);
            }
        }
        for (Future<?> batch : batches) {
            batch.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertThat(accepted).hasSize(WARDS);

        // Nothing lost, nothing doubled: every accepted result once on the topic...
        EventProbe probe = new EventProbe(KAFKA);
        await().atMost(Duration.ofSeconds(60)).until(() -> probe.all(Topics.AUDIT_RESULTS, about(trust), Duration.ofSeconds(5),
                WARDS * MONTHS).size() >= WARDS * MONTHS);
        List<String> ids = probe.upToEnd(Topics.AUDIT_RESULTS, about(trust)).stream()
                .map(r -> EventProbe.header(r, CloudEventHeaders.ID)).toList();
        assertThat(ids).hasSize(WARDS * MONTHS).doesNotHaveDuplicates();
        // ...one open concern finding per ward...
        await().atMost(Duration.ofSeconds(120)).until(() -> concerns(trust).size() == WARDS);
        Map<String, Long> concerns = concerns(trust).stream().collect(Collectors.groupingBy(m -> m, Collectors.counting()));
        assertThat(concerns).hasSize(WARDS).allSatisfy((ward, n) -> assertThat(n).isEqualTo(1));
        // ...one improvement need per ward...
        await().atMost(Duration.ofSeconds(120)).until(() -> needs(trust).size() == WARDS);
        assertThat(needs(trust)).doesNotHaveDuplicates();
        // ...and one message per need and recipient.
        await().atMost(Duration.ofSeconds(120)).until(() -> needMessages(trust).stream()
                .map(m -> m.substring(0, m.indexOf(" -> "))).distinct().count() == WARDS);
        Thread.sleep(3_000);
        List<String> messages = needMessages(trust);
        assertThat(messages).doesNotHaveDuplicates();
        Map<String, Long> perNeed = messages.stream().collect(Collectors.groupingBy(m -> m.substring(0, m.indexOf(" -> ")),
                Collectors.counting()));
        assertThat(perNeed).hasSize(WARDS);
        assertThat(perNeed.values().stream().distinct()).as("the same recipients for every ward's need").hasSize(1);
        for (ServiceProcess survivor : List.of(ingestB, findingsB, actionPlanB, notificationB)) {
            System.out.printf("[e2e] %-22s RSS after the load %d MB (-Xmx256m, serial GC)%n", survivor.name(),
                    survivor.rssMegabytes());
        }
        System.out.printf("[e2e] two instances each, one of each killed mid-load: %d results accepted and published "
                + "once, %d concern findings, %d needs, %d need messages (one per need and recipient), %.1f s%n",
                ids.size(), concerns.size(), needs(trust).size(), messages.size(),
                Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    private static List<Map<String, Object>> history(String trust, String ward) {
        List<Map<String, Object>> months = new ArrayList<>();
        for (int m = 0; m < MONTHS; m++) {
            int numerator = m >= 20 ? 30 : m % 2 == 0 ? 43 : 46;
            months.add(Map.of("audit", "nhfd", "metric", "surgery-within-36h", "organisation", trust, "microsystem", ward,
                    "period", String.format("%d-%02d", 2022 + m / 12, m % 12 + 1), "numerator", numerator,
                    "denominator", 52));
        }
        return months;
    }

    /** The members of {@code group} that consume the results topic. */
    private static List<MemberDescription> members(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(Set.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return description.members().stream().filter(m -> m.assignment().topicPartitions().stream()
                    .anyMatch(p -> p.topic().equals(Topics.AUDIT_RESULTS))).toList();
        }
    }

    private static java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> about(
            String trust) {
        return r -> String.valueOf(EventProbe.header(r, CloudEventHeaders.SUBJECT)).contains("/" + trust + "/");
    }

    private static List<String> concerns(String trust) {
        JsonPath page = given().baseUri(findingsB.url()).queryParam("organisation", trust).queryParam("kind", "special-cause")
                .queryParam("orientation", "concern").queryParam("size", 1000).get("/api/v1/findings").then()
                .statusCode(200).extract().jsonPath();
        return page.getList("items.microsystem", String.class).stream().filter(java.util.Objects::nonNull).toList();
    }

    private static List<String> needs(String trust) {
        return given().baseUri(actionPlanB.url()).queryParam("organisation", trust).queryParam("size", 500)
                .get("/api/v1/improvement-needs").then().statusCode(200).extract().jsonPath().getList("items.microsystem",
                        String.class).stream().filter(java.util.Objects::nonNull).toList();
    }

    private static List<String> needMessages(String trust) {
        JsonPath page = given().baseUri(notificationB.url()).queryParam("organisation", trust).queryParam("size", 500)
                .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
        List<String> messages = new ArrayList<>();
        List<Map<String, Object>> items = page.getList("items");
        for (Map<String, Object> item : items) {
            if ("nhs.pdsa.improvement-need.opened.v1".equals(item.get("eventType"))
                    && String.valueOf(item.get("subject")).contains(" at ward-")) {
                messages.add(item.get("subject") + " -> " + item.get("recipient"));
            }
        }
        return messages;
    }
}
