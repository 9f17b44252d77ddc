package uk.nhs.pdsa.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.ingest.support.IngestFixtures;

/** A retried request with the same Idempotency-Key gets the first answer and has no second effect. */
@QuarkusTest
class IdempotencyTest {
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    private String trust;

    @BeforeEach
    void catalogue() {
        IngestFixtures.hipFractureAudit();
        trust = IngestFixtures.trust("I");
    }

    private Response post(String key, Object body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/audit-results");
    }

    @Test
    void shouldReplayTheFirstAnswerWithoutASecondRevision() {
        String key = UUID.randomUUID().toString();
        Response first = post(key, IngestFixtures.proportion(trust, null, "2025-01", 10, 20));
        first.then().statusCode(201);
        // Between the two, another client changes the result: a replay must not undo that change.
        given().contentType(ContentType.JSON).body(IngestFixtures.proportion(trust, null, "2025-01", 11, 20))
                .post("/api/v1/audit-results").then().statusCode(200).body("revision", equalTo(2));
        Response retry = post(key, IngestFixtures.proportion(trust, null, "2025-01", 10, 20));
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"));
        assertThat(retry.asString()).isEqualTo(first.asString());
        given().get("/api/v1/audit-results?organisation=" + trust).then()
                .body("total", equalTo(1)).body("items[0].revision", equalTo(2)).body("items[0].numerator", equalTo(11));
        assertThat(probe.all(Topics.AUDIT_RESULTS, r -> String.valueOf(EventProbe.header(r, CloudEventHeaders.SUBJECT))
                .contains("/" + trust + "@"), Duration.ofSeconds(4), 3)).hasSize(2);
    }

    @Test
    void shouldRefuseTheSameKeyForADifferentRequest() {
        String key = UUID.randomUUID().toString();
        post(key, IngestFixtures.proportion(trust, null, "2025-02", 10, 20)).then().statusCode(201);
        post(key, IngestFixtures.proportion(trust, null, "2025-02", 12, 20)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pdsa.nhs.uk/problems/idempotency-key-reused"));
        given().get("/api/v1/audit-results?organisation=" + trust).then().body("items[0].numerator", equalTo(10));
    }

    @Test
    void shouldNotRememberARequestThatFailed() {
        String key = UUID.randomUUID().toString();
        post(key, IngestFixtures.proportion(trust, null, "2025-13", 10, 20)).then().statusCode(400);
        post(key, IngestFixtures.proportion(trust, null, "2025-03", 10, 20)).then().statusCode(201);
    }

    @Test
    void shouldApplyConcurrentRetriesOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        List<Object> batch = List.of(IngestFixtures.proportion(trust, null, "2025-04", 1, 2),
                IngestFixtures.proportion(trust, null, "2025-05", 1, 2));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> post(key, batch)));
            }
            List<String> bodies = new ArrayList<>();
            int replayed = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                bodies.add(response.asString());
                replayed += "true".equals(response.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertThat(bodies).containsOnly(bodies.get(0));
            assertThat(replayed).isEqualTo(5);
        } finally {
            pool.shutdown();
        }
        given().get("/api/v1/audit-results?organisation=" + trust).then().body("total", equalTo(2));
    }

    @Test
    void shouldScopeKeysToTheRequestFormatAndBody() {
        String key = UUID.randomUUID().toString();
        post(key, IngestFixtures.proportion(trust, null, "2025-06", 1, 2)).then().statusCode(201);
        given().contentType("text/csv").header("Idempotency-Key", key)
                .body("audit,metric,organisation,period,numerator,denominator\nnhfd,surgery-within-36h," + trust + ",2025-06,1,2\n")
                .post("/api/v1/audit-results").then().statusCode(422);
    }
}
