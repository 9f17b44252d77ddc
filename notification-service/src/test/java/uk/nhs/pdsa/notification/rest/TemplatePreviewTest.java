package uk.nhs.pdsa.notification.rest;

import uk.nhs.pdsa.testing.TestTokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every template renders, in HTML and text, for the sample events of the contracts. */
@QuarkusTest
class TemplatePreviewTest {
    @org.junit.jupiter.api.BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL); // the platform's admin, with every trust role too
    }


    @Test
    void shouldListTheTemplatesAndTheSampleEvents() {
        given().get("/api/v1/templates").then().statusCode(200)
                .body("templates", hasItems("trust/finding", "trust/need", "trust/cycle", "trust/digest", "college/summary", "patient-group/publication"));
    }

    @Test
    void shouldRenderTheTrustMessageOfEachEventWithItsLinks() {
        given().get("/api/v1/templates/trust/finding/preview").then().statusCode(200).contentType("text/html")
                .body(allOf(containsString("<h1"), containsString("Concern: surgery-within-36h at ward-10 (RXH)"),
                        containsString("href=\"http://localhost:8085/chart?audit=nhfd&amp;metric=surgery-within-36h"
                                + "&amp;organisation=RXH&amp;microsystem=ward-10\""),
                        containsString("You receive this as clinical-lead for RXH")));
        given().get("/api/v1/templates/trust/finding/preview?format=text").then().statusCode(200).contentType("text/plain")
                .body(allOf(containsString("See the chart: http://localhost:8085/chart?audit=nhfd"), not(containsString("<"))));
        given().get("/api/v1/templates/trust/need/preview?event=nhs.pdsa.improvement-need.opened.v1&format=text").then()
                .body(allOf(containsString("Improvement need opened: surgery-within-36h at trauma-ward-2 (RXH)"),
                        containsString("See what needs you: http://localhost:8085/")));
        given().get("/api/v1/templates/trust/need/preview?event=nhs.pdsa.improvement-need.escalated.v1&format=text").then()
                .body(containsString("Overdue: improvement need for surgery-within-36h"));
        given().get("/api/v1/templates/trust/need/preview?event=nhs.pdsa.improvement-need.improved.v1&format=text").then()
                .body(containsString("Improved: surgery-within-36h"));
        given().get("/api/v1/templates/trust/cycle/preview?event=nhs.pdsa.pdsa-cycle.owner-changed.v1&format=text").then()
                .statusCode(200).body(allOf(containsString("You now own the PDSA cycle \"Weekend orthogeriatric review\" at RXH"),
                        containsString("handed to Dr B Okafor from Dr A Patel"),
                        containsString("Open the cycle: http://localhost:8083/api/v1/pdsa-cycles/5e2d1c0b")));
        given().get("/api/v1/templates/trust/cycle/preview?event=nhs.pdsa.pdsa-cycle.overdue.v1").then().statusCode(200)
                .body(containsString("past its planned end"));
        given().get("/api/v1/templates/trust/digest/preview?format=text").then().statusCode(200)
                .body(containsString("one summary a day"));
    }

    @Test
    void shouldRenderTheCollegeSummaryAndThePatientPublication() {
        given().get("/api/v1/templates/college/summary/preview?format=text").then().statusCode(200)
                .body(allOf(containsString("National Hip Fracture Database: 1 finding for review"),
                        containsString("Staged disclosure for National Hip Fracture Database"), containsString("confidential")));
        given().get("/api/v1/templates/patient-group/publication/preview").then().statusCode(200)
                .body(allOf(containsString("How is your hospital doing?"), containsString("in 100"),
                        not(containsString("ward-10")), not(containsString("special cause"))));
    }

    @Test
    void shouldAnswerProblemsForUnknownTemplatesAndEvents() {
        given().get("/api/v1/templates/trust/poster/preview").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/templates/trust/finding/preview?event=nhs.pdsa.improvement-need.opened.v1").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
