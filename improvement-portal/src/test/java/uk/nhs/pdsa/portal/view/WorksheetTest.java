package uk.nhs.pdsa.portal.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class WorksheetTest {
    @Test
    void shouldTurnTheFormIntoTheApisPlanLeavingOutWhatIsEmpty() throws Exception {
        Form form = Form.empty().set("needId", "n-1").set("title", " Theatre slot ").set("objective", "More within 36 h")
                .set("changeIdea", "Hold the slot").set("question0", "More within 36 h?").set("prediction0", "Over 75 %")
                .set("question1", "").set("prediction1", "").add("measure", "nhfd|within-36h|RXH|ward-2")
                .add("measure", "nhfd|within-36h|RXH|").set("who", "Clerk").set("ownerName", "Dr A Patel")
                .set("ownerEmail", "a.patel@nhs.net").set("teamName0", "Sister J Jones").set("teamRole0", "ward manager")
                .set("plannedStart", "2026-01-05").set("plannedEnd", "");
        JsonNode plan = Worksheet.plan(form);
        assertThat(plan.path("needId").asText()).isEqualTo("n-1");
        assertThat(plan.has("follows")).isFalse();
        assertThat(plan.path("title").asText()).isEqualTo("Theatre slot");
        assertThat(plan.path("predictions")).hasSize(1);
        assertThat(plan.path("measures").get(0).path("microsystem").asText()).isEqualTo("ward-2");
        assertThat(plan.path("measures").get(1).has("microsystem")).as("the whole trust").isFalse();
        assertThat(plan.path("dataCollection").toString()).isEqualTo("{\"who\":\"Clerk\"}");
        assertThat(plan.path("owner").toString()).isEqualTo("{\"name\":\"Dr A Patel\",\"email\":\"a.patel@nhs.net\"}");
        assertThat(plan.path("team").get(0).path("role").asText()).isEqualTo("ward manager");
        assertThat(plan.has("plannedEnd")).isFalse();
    }

    @Test
    void shouldPrefillTheNextCycleFromThisOneButNotItsChange() throws Exception {
        JsonNode cycle = new ObjectMapper().readTree("""
                {"id": "c-1", "owner": {"name": "Dr A Patel", "email": "a.patel@nhs.net"},
                 "plan": {"title": "Slot", "objective": "More within 36 h", "changeIdea": "Hold the slot",
                          "predictions": [{"question": "More?", "prediction": "Over 75 %"}],
                          "measures": [{"audit": "nhfd", "metric": "within-36h", "organisation": "RXH", "microsystem": "w"}],
                          "dataCollection": {"who": "Clerk", "what": "Times", "when": "Daily", "where": "Theatre"},
                          "team": [{"name": "Sister J Jones", "role": "ward manager"}]}}""");
        Form next = Worksheet.nextAfter(cycle);
        assertThat(next.get("follows")).isEqualTo("c-1");
        assertThat(next.get("objective")).isEqualTo("More within 36 h");
        assertThat(next.get("title")).isEmpty();
        assertThat(next.get("changeIdea")).isEmpty();
        assertThat(next.has("measure", "nhfd|within-36h|RXH|w")).isTrue();
        assertThat(next.get("prediction0")).isEqualTo("Over 75 %");
        assertThat(next.get("ownerEmail")).isEqualTo("a.patel@nhs.net");
        assertThat(next.get("teamName0")).isEqualTo("Sister J Jones");
    }

    @Test
    void shouldPutEachApiErrorAtTheFieldThatHoldsTheValue() throws Exception {
        assertThat(FormErrors.field("/title", "x")).isEqualTo("title");
        assertThat(FormErrors.field("/predictions/1/prediction", "x")).isEqualTo("prediction1");
        assertThat(FormErrors.field("/predictions", "x")).isEqualTo("question0");
        assertThat(FormErrors.field("/dataCollection/where", "x")).isEqualTo("where");
        assertThat(FormErrors.field("/owner/email", "x")).isEqualTo("ownerEmail");
        assertThat(FormErrors.field("/team/2/name", "x")).isEqualTo("teamName2");
        assertThat(FormErrors.field("/measures/0/metric", "x")).isEqualTo("measure");
        assertThat(FormErrors.field("", "title")).isEqualTo("title");
        FormErrors errors = FormErrors.of(new ObjectMapper().readTree("""
                {"status": 400, "detail": "2 invalid fields", "errors": [{"pointer": "/title", "detail": "title is required"},
                 {"pointer": "/owner/name", "detail": "owner.name is required"}]}"""), "title");
        assertThat(errors.list()).extracting(FormErrors.Error::field).containsExactly("title", "ownerName");
        assertThat(errors.get("title")).isEqualTo("Enter a title for the cycle");
        assertThat(errors.get("ownerName")).isEqualTo("Enter the owner's name");
        assertThat(FormErrors.words("plannedEnd", "plannedEnd must not be before plannedStart"))
                .isEqualTo("PlannedEnd must not be before plannedStart");
        FormErrors stage = FormErrors.of(new ObjectMapper().readTree("{\"status\": 409, \"detail\": \"current stage plan\"}"), "x");
        assertThat(stage.general()).isEqualTo("Current stage plan");
        assertThat(stage.isEmpty()).isFalse();
    }

    @Test
    void shouldSendTheWholeTeamFromItsRowsAndStartTheFormFromTheTeamAsItIs() throws Exception {
        Form form = Form.empty().set("teamName0", "Sister J Jones").set("teamRole0", "ward manager")
                .set("teamName2", "").set("teamRole2", "").set("teamName4", "Dr C Lee").set("teamRole4", "orthogeriatrician")
                .set("teamReason", "Dr Lee joins");
        JsonNode body = Worksheet.team(form);
        assertThat(body.path("team")).hasSize(2);
        assertThat(body.path("team").get(1).path("name").asText()).isEqualTo("Dr C Lee");
        assertThat(body.path("reason").asText()).isEqualTo("Dr Lee joins");
        assertThat(Worksheet.team(Form.empty()).path("team")).as("an emptied form is a team of nobody").isEmpty();
        Form current = Worksheet.withTeam(Form.empty(), new ObjectMapper().readTree("""
                {"team": [{"name": "Sister J Jones", "role": "ward manager"}, {"name": "Mr K Shah"}]}"""));
        assertThat(current.get("teamName1")).isEqualTo("Mr K Shah");
        assertThat(current.get("teamRole1")).isEmpty();
        assertThat(FormErrors.words("teamName", "name is required")).isEqualTo("Enter the team member's name");
    }
}
