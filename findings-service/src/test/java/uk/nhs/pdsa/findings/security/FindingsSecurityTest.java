package uk.nhs.pdsa.findings.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;


import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.findings.support.ScopedFixture;

/**
 * Who reads which findings, through the real catalogue path: a college reads every trust's findings of the
 * audits of its specialties and nothing else; a trust reads its own only and sees other trusts in a funnel
 * plot anonymised; a patient group reads none here (publications are in notification-service).
 */
@QuarkusTest
class FindingsSecurityTest {
    @Test
    void shouldScopeCollegesBySpecialtyAndTrustsToThemselves() {
        ScopedFixture fixture = new ScopedFixture();
        String audit = fixture.audit;
        String college = fixture.college;
        String otherCollege = fixture.otherCollege;
        List<String> trusts = fixture.trusts;
        String low = trusts.get(0);
        String finding = fixture.finding;

        // The college covering the specialty reads it; the other college does not even see it exists.
        TestTokens.as(college, "college").get("/api/v1/findings/" + finding).then().statusCode(200)
                .body("organisation", equalTo(low));
        TestTokens.as(otherCollege, "college").get("/api/v1/findings/" + finding).then().statusCode(404)
                .contentType("application/problem+json");
        TestTokens.as(otherCollege, "college").queryParam("audit", audit).get("/api/v1/findings").then()
                .statusCode(200).body("total", equalTo(0));

        // The trust itself reads it; another trust of the same funnel does not.
        TestTokens.as(low, "viewer").get("/api/v1/findings/" + finding).then().statusCode(200);
        String peer = trusts.get(5);
        TestTokens.as(peer, "viewer", "improvement-lead").get("/api/v1/findings/" + finding).then().statusCode(404);
        TestTokens.as(peer, "viewer").queryParam("audit", audit).get("/api/v1/findings").then().statusCode(200)
                .body("items.organisation", everyItem(equalTo(peer)));
        TestTokens.as(peer, "viewer").queryParam("audit", audit).queryParam("organisation", low).get("/api/v1/series")
                .then().statusCode(200).body("items.size()", equalTo(0));
        TestTokens.as(peer, "viewer").get("/api/v1/series/" + audit + "/m/" + low).then().statusCode(404);
        TestTokens.as(peer, "viewer").get("/api/v1/spc?audit=" + audit + "&metric=m&organisation=" + low).then().statusCode(404);
        TestTokens.as(peer, "viewer").get("/api/v1/spc.svg?audit=" + audit + "&metric=m&organisation=" + low).then()
                .statusCode(404);

        // In the funnel a trust sees itself named and its peers anonymised; the college sees every trust.
        String funnel = "/api/v1/funnel?audit=" + audit + "&metric=m&period=2025-06";
        String seenByPeer = TestTokens.as(peer, "viewer").get(funnel).then().statusCode(200)
                .body("units.id", hasItem(peer))
                .body("units.findAll { it.id != '" + peer + "' }.id", everyItem(startsWith("peer-")))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(seenByPeer).doesNotContain(low);
        TestTokens.as(peer, "viewer").accept("image/svg+xml").get(funnel).then().statusCode(200)
                .body(not(org.hamcrest.Matchers.containsString(low)));
        TestTokens.as(college, "college").get(funnel).then().statusCode(200).body("units.id", hasItem(low));
        TestTokens.as(otherCollege, "college").get(funnel).then().statusCode(404);
        TestTokens.as(TestOrganisations.unique("Q"), "viewer").get(funnel).then().statusCode(404); // not in it
        TestTokens.as("HWENG", "patient-group").get(funnel).then().statusCode(403).contentType("application/problem+json");
        TestTokens.as(low, "submitter").get("/api/v1/findings").then().statusCode(403);
    }
}
