package uk.nhs.pdsa.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.Mailbox;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * The whole pipeline under faults (issue "Hardening"): a sustained load of results that raise concerns, needs and
 * messages flows while, in turn, each service is killed with SIGKILL and started again, the broker is stopped and
 * started, and PostgreSQL is stopped and started. Clients retry what failed with the same Idempotency-Key, as a
 * trust system would. Then it reconciles end to end and prints the counts: every accepted result is a point in
 * findings exactly once; findings equal a clean rebuild from the topic; every concern has exactly one need; every
 * message was sent once per fact and recipient; no event sits unprocessed (no outbox row, no consumer lag, nothing
 * rejected).
 */
class FaultToleranceIT {
    private static final String KAFKA = System.getProperty("pdsa.kafka", "127.0.0.1:19092");
    private static final String PG = "jdbc:postgresql://127.0.0.1:" + System.getProperty("pdsa.pg.port", "55433") + "/";
    private static final Path LOGS = Path.of(System.getProperty("pdsa.logs", "target/e2e-logs"), "fault");
    private static final int TRUSTS = 4;
    private static final int WARDS = Integer.getInteger("pdsa.fault.wards", 150);
    private static final int MONTHS = 36;
    /** The load's pace: one ward's 36 months every this many milliseconds (about 500 results a second). */
    private static final long PACE_MILLIS = 70;
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final List<ServiceProcess> ALL = new ArrayList<>();
    private static ServiceProcess ingest;
    private static ServiceProcess findings;
    private static ServiceProcess actionPlan;
    private static ServiceProcess notification;
    /** Where each topic ended before this run: records before these are other tests' (some poison on purpose). */
    private static final Map<TopicPartition, Long> BEFORE = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var topic : admin.describeTopics(admin.listTopics().names().get(30, TimeUnit.SECONDS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((p, end) -> BEFORE.put(p, end.offset()));
        }
        ingest = service("audit-ingest-service", 18221, "e2e_fault_ingest", Map.of());
        // Groups of this run's own: findings reads the whole results topic into its new database.
        findings = service("findings-service", 18222, "e2e_fault_findings", Map.of("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_GROUP_ID", "fault-" + RUN,
                "MP_MESSAGING_INCOMING_CATALOGUE_GROUP_ID", "fault-" + RUN + ".catalogue"));
        actionPlan = service("action-plan-service", 18223, "e2e_fault_actionplan", Map.of("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_GROUP_ID",
                "fault-ap-" + RUN, "MP_MESSAGING_INCOMING_CATALOGUE_GROUP_ID", "fault-ap-" + RUN + ".catalogue"));
        notification = service("notification-service", 18224, "e2e_fault_notification", Map.of("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_GROUP_ID",
                "fault-n-" + RUN, "MP_MESSAGING_INCOMING_CATALOGUE_GROUP_ID", "fault-n-" + RUN + ".catalogue",
                "MP_MESSAGING_INCOMING_CYCLES_GROUP_ID", "fault-n-" + RUN + ".cycles",
                // The sends a kill cut short are due again after this lease (2 minutes by default); GreenMail answers
                // within milliseconds, so a send's timeout well inside it is ample.
                "DELIVERY_LEASE", "15 seconds", "SMTP_TIMEOUT", "10s"));
        ALL.addAll(List.of(ingest, findings, actionPlan, notification));
        ServiceProcess.startAll(ALL);
    }

    private static ServiceProcess service(String name, int port, String database, Map<String, String> more) {
        return ServiceProcess.onTestStack(name, port, database, "http://127.0.0.1:18222", LOGS, more);
    }

    @AfterAll
    static void stopAll() throws Exception {
        ServiceProcess.stopAll(ALL);
    }

    @Test
    void shouldLoseAndDoubleNothingWhileEveryPartFailsInTurn() throws Exception {
        List<String> trusts = IntStream.range(0, TRUSTS).mapToObj(t -> TestOrganisations.unique("V")).toList();
        List<String> wards = IntStream.range(0, WARDS).mapToObj(w -> "ward-" + w).toList();
        for (String trust : trusts) {
            TestTokens.actAs(TestTokens.NATIONAL);
            E2eCatalogue.hipFracture(ingest.url(), trust, "Fault trust " + trust, wards, notification.url());
            TestTokens.actAs(trust);
            given().baseUri(notification.url()).contentType(ContentType.JSON).body(Map.of("organisation", trust,
                    "name", "The clinical lead", "role", "clinical-lead", "email", lead(trust)))
                    .post("/api/v1/contacts").then().statusCode(201);
        }
        TestTokens.actAs(null);

        // The load: each ward's 36 months in one request (28 steady, then 8 well below: a shift, so a concern,
        // a need and messages), paced; a request that fails is sent again with its key until it is accepted.
        Instant start = Instant.now();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<?>> batches = new ArrayList<>();
        AtomicInteger faultsDone = new AtomicInteger();
        int total = trusts.size() * wards.size();
        Thread faults = new Thread(() -> faults(accepted, total, faultsDone), "faults");
        faults.start();
        int submitted = 0;
        for (String ward : wards) {
            for (String trust : trusts) {
                // The load is held back so that every fault meets it: no more than its share before each fault.
                while (faultsDone.get() < FAULTS.size()
                        && submitted >= (long) total * (faultsDone.get() + 1) / (FAULTS.size() + 1) + 4) {
                    Thread.sleep(100);
                }
                submitted++;
                batches.add(clients.submit(() -> {
                    submit(trust, ward, retries, statuses);
                    accepted.incrementAndGet();
                    return null;
                }));
                Thread.sleep(PACE_MILLIS);
            }
        }
        for (Future<?> batch : batches) {
            batch.get(10, TimeUnit.MINUTES);
        }
        clients.shutdown();
        faults.join(TimeUnit.MINUTES.toMillis(5));
        assertThat(faultError).as("every fault caused and undone").isNull();
        assertThat(faultsDone.get()).isEqualTo(FAULTS.size());
        int results = trusts.size() * wards.size() * MONTHS;
        System.out.printf("[e2e-fault] %d results accepted in %d requests (%d retried; answers to failed tries %s) in %.0f s%n",
                results, accepted.get(), retries.get(), statuses, secondsSince(start));
        assertThat(accepted.get()).isEqualTo(trusts.size() * wards.size());
        assertThat(statuses.keySet()).as("answers to failed tries: never a 5xx other than 503").allMatch(s -> s < 500
                || s == 503 || s == -1);

        String in = trusts.stream().map(t -> "'" + t + "'").collect(Collectors.joining(",", "(", ")"));
        int series = trusts.size() * wards.size();
        // Let the pipeline drain: every point in findings, a need per concern, every message sent.
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5)).until(() ->
                count("e2e_fault_findings", "select count(*) from series_point where organisation in " + in) == results
                        && count("e2e_fault_findings", "select count(*) from finding where organisation in " + in
                                + " and orientation = 'concern'") >= series
                        && count("e2e_fault_actionplan", "select count(*) from improvement_need where organisation in " + in)
                                == count("e2e_fault_findings", "select count(*) from finding where organisation in " + in
                                        + " and orientation = 'concern'")
                        && count("e2e_fault_notification", "select count(*) from notification where organisation in " + in
                                + " and status in ('created', 'sending', 'temporary-failure')") == 0
                        && unprocessed() == 0);
        Thread.sleep(5_000); // anything still in flight would show now

        // Every accepted result is a point in findings exactly once.
        long stored = count("e2e_fault_ingest", "select count(*) from audit_result where organisation in " + in);
        long points = count("e2e_fault_findings", "select count(*) from series_point where organisation in " + in);
        long distinctPoints = count("e2e_fault_findings", "select count(distinct result_id) from series_point"
                + " where organisation in " + in);
        assertThat(stored).isEqualTo(results);
        assertThat(points).isEqualTo(results).isEqualTo(distinctPoints);
        // Every concern has exactly one need (and every need a concern): each ward's shift, and each trust's.
        List<String> concerns = strings("e2e_fault_findings", "select finding_id::text from finding where organisation in "
                + in + " and orientation = 'concern'");
        List<String> needs = strings("e2e_fault_actionplan", "select opening_finding_id::text from improvement_need"
                + " where organisation in " + in);
        assertThat(concerns.size()).isGreaterThanOrEqualTo(series);
        assertThat(needs).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(concerns);
        // Every message was sent once per fact and recipient: one notification per event and recipient, all
        // delivered, and each email in the mailbox once (a repeat only under the same Message-ID).
        long notifications = count("e2e_fault_notification", "select count(*) from notification where organisation in " + in);
        long distinctFacts = count("e2e_fault_notification", "select count(distinct (event_id, recipient_role, channel))"
                + " from notification where organisation in " + in);
        long delivered = count("e2e_fault_notification", "select count(*) from notification where organisation in " + in
                + " and status = 'delivered'");
        assertThat(notifications).isEqualTo(distinctFacts).isEqualTo(delivered).isGreaterThanOrEqualTo(series);
        long emails = 0;
        long repeats = 0;
        for (String trust : trusts) {
            Map<String, Set<String>> idsBySubject = new HashMap<>();
            List<String> mails = Mailbox.messages(lead(trust));
            emails += mails.size();
            for (String mail : mails) {
                idsBySubject.computeIfAbsent(header(mail, "Subject"), s -> new java.util.HashSet<>()).add(header(mail, "Message-ID"));
            }
            repeats += mails.size() - idsBySubject.size();
            assertThat(idsBySubject).as("each subject to %s under one Message-ID", lead(trust))
                    .allSatisfy((subject, ids) -> assertThat(ids).hasSize(1));
        }
        assertThat(emails - repeats).isEqualTo(delivered);
        assertThat(unprocessed()).isZero();
        // Every record of this run was read as it was meant: none refused. Records other tests left on the shared
        // broker before this run (poison ones among them, on purpose) are refused by this run's new groups too.
        List<String> rejectedRows = new ArrayList<>();
        long earlier = 0;
        for (String database : List.of("e2e_fault_findings", "e2e_fault_actionplan", "e2e_fault_notification")) {
            for (String row : strings(database, "select topic || ' ' || kafka_partition || ' ' || kafka_offset || ' '"
                    + " || consumer || ': ' || reason from rejected_event")) {
                String[] at = row.split(" ", 4);
                long before = BEFORE.getOrDefault(new TopicPartition(at[0], Integer.parseInt(at[1])), 0L);
                if (Long.parseLong(at[2]) < before) {
                    earlier++;
                } else {
                    rejectedRows.add(database + " " + row);
                }
            }
        }
        assertThat(rejectedRows).as("events of this run refused by a consumer").isEmpty();
        long rejected = rejectedRows.size();

        // Findings equal a clean rebuild from the topic: a new instance, a new database, its own group.
        actionPlan.stop();
        notification.stop();
        ServiceProcess rebuild = service("findings-service", 18225, "e2e_fault_rebuild", Map.of("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_GROUP_ID",
                "fault-rebuild-" + RUN, "MP_MESSAGING_INCOMING_CATALOGUE_GROUP_ID", "fault-rebuild-" + RUN + ".catalogue",
                "OUTBOX_RELAY", "false"));
        rebuild.start();
        ALL.add(rebuild);
        Instant rebuilt = Instant.now();
        // The same findings, open or resolved, with the same values, limits and signals; not the same timestamps,
        // nor the same count of versions (a trust's series changed once per ward as the load came in, fewer times
        // when the rebuild read many wards in one batch).
        String digest = "select count(*) || ':' || md5(coalesce(string_agg(finding_id || status"
                + " || (state - 'raisedAt' - 'updatedAt' - 'resolvedAt' - 'version')::text, ',' order by finding_id), ''))"
                + " from finding where organisation in " + in;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3)).until(() ->
                count("e2e_fault_rebuild", "select count(*) from series_point where organisation in " + in) == results
                        && count("e2e_fault_rebuild", "select count(*) from finding_due") == 0
                        && string("e2e_fault_rebuild", digest).equals(string("e2e_fault_findings", digest)));
        assertThat(string("e2e_fault_rebuild", digest)).isEqualTo(string("e2e_fault_findings", digest));

        System.out.printf("[e2e-fault] reconciled after the faults: %d results accepted, %d stored, %d points in findings"
                + " (%d distinct); %d concerns, %d needs; %d notifications, %d delivered, %d emails (%d repeats under the"
                + " same Message-ID); %d events unprocessed, %d rejected (%d records"
                + " other tests left earlier refused, as they should be); a clean rebuild from the topic (%.0f s) equals"
                + " findings (%s); %.0f s in all%n", results, stored, points, distinctPoints, concerns.size(), needs.size(),
                notifications, delivered, emails, repeats, unprocessed(), rejected, earlier, secondsSince(rebuilt),
                string("e2e_fault_findings", digest), secondsSince(start));
    }

    /** One ward's request, sent until accepted, with the same key each time. */
    private static void submit(String trust, String ward, AtomicInteger retries, Map<Integer, Integer> statuses)
            throws InterruptedException {
        String key = UUID.randomUUID().toString();
        List<Map<String, Object>> months = new ArrayList<>();
        for (int m = 0; m < MONTHS; m++) {
            int numerator = m >= 28 ? 30 : m % 2 == 0 ? 43 : 46;
            months.add(Map.of("audit", "nhfd", "metric", "surgery-within-36h", "organisation", trust, "microsystem", ward,
                    "period", String.format("%d-%02d", 2022 + m / 12, m % 12 + 1), "numerator", numerator,
                    "denominator", 52));
        }
        String token = TestTokens.token(trust, "submitter");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        while (Instant.now().isBefore(deadline)) {
            int status;
            try {
                status = given().baseUri(ingest.url()).auth().oauth2(token).header("Idempotency-Key", key)
                        .contentType(ContentType.JSON).body(months).post("/api/v1/audit-results").statusCode();
            } catch (Exception down) {
                status = -1; // the service is down: no answer
            }
            if (status == 200 || status == 201) {
                return;
            }
            statuses.merge(status, 1, Integer::sum);
            retries.incrementAndGet();
            Thread.sleep(1000);
        }
        throw new IllegalStateException(trust + "/" + ward + " never accepted");
    }

    private static volatile Exception faultError;
    private static final List<String> FAULTS = List.of("ingest", "findings", "action-plan", "notification", "broker",
            "database");

    /**
     * Each part fails in turn while the load flows: fault k once k/7 of the wards are accepted (the load waits for
     * it before going further).
     */
    private static void faults(AtomicInteger accepted, int total, AtomicInteger done) {
        try {
            List<String> plan = FAULTS;
            for (int i = 0; i < plan.size(); i++) {
                int at = total * (i + 1) / (plan.size() + 1);
                while (accepted.get() < at) {
                    Thread.sleep(200);
                }
                Instant t = Instant.now();
                switch (plan.get(i)) {
                    case "ingest" -> restart(ingest);
                    case "findings" -> restart(findings);
                    case "action-plan" -> restart(actionPlan);
                    case "notification" -> restart(notification);
                    case "broker" -> {
                        TestStack.kafka("kafka-stop");
                        Thread.sleep(10_000);
                        TestStack.kafka("kafka-start");
                    }
                    default -> {
                        TestStack.kafka("pg-stop");
                        Thread.sleep(5_000);
                        TestStack.kafka("pg-start");
                    }
                }
                System.out.printf("[e2e-fault] %s failed and came back at %d of %d wards accepted (%.1f s)%n", plan.get(i),
                        accepted.get(), total, secondsSince(t));
                done.incrementAndGet();
            }
        } catch (Exception e) {
            faultError = e;
            done.set(FAULTS.size()); // let the load finish; the test fails after it
        }
    }

    private static void restart(ServiceProcess service) throws Exception {
        service.kill(); // SIGKILL: nothing drained, nothing closed
        service.start();
    }

    /** Events not yet handled anywhere: outbox rows not yet published, and the consumer groups' lag. */
    private static long unprocessed() throws Exception {
        long outbox = count("e2e_fault_ingest", "select count(*) from outbox_event")
                + count("e2e_fault_findings", "select count(*) from outbox_event")
                + count("e2e_fault_actionplan", "select count(*) from outbox_event");
        long lag = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            for (String group : List.of("fault-" + RUN, "fault-ap-" + RUN, "fault-n-" + RUN, "fault-n-" + RUN + ".cycles")) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                        .get(30, TimeUnit.SECONDS);
                for (var c : committed.entrySet()) {
                    if (c.getValue() != null) {
                        lag += Math.max(0, ends.get(c.getKey()).offset() - c.getValue().offset());
                    }
                }
            }
        }
        return outbox + lag;
    }

    private static String lead(String trust) {
        return "lead@" + trust.toLowerCase() + ".fault.nhs.test";
    }

    private static String header(String mail, String name) {
        for (String line : mail.split("\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private static long count(String database, String sql) throws SQLException {
        return Long.parseLong(string(database, sql));
    }

    private static String string(String database, String sql) throws SQLException {
        List<String> rows = strings(database, sql);
        return rows.isEmpty() ? "" : rows.get(0);
    }

    private static List<String> strings(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + database, "pdsa", "pdsa");
                PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1));
            }
            return rows;
        }
    }
}
