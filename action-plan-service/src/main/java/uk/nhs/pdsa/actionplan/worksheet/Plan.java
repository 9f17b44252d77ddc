package uk.nhs.pdsa.actionplan.worksheet;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pdsa.events.PdsaCycleState.Measure;
import uk.nhs.pdsa.events.PdsaCycleState.Person;

/**
 * The Plan of a cycle, as the IHI PDSA worksheet asks for it. {@code needId} links the cycle to the need it
 * answers; {@code follows} makes it the next cycle of a ramp after an adopted or adapted one (the need then
 * comes from that cycle). One of them is required: a cycle answers a need.
 */
@Schema(name = "Plan", example = """
        {"needId": "3f9b8f7e-3d1c-4b7a-9e2f-5a6b7c8d9e0f",
         "title": "Theatre slot held for hip fractures",
         "objective": "Operate on more patients with a hip fracture within 36 hours of arrival",
         "changeIdea": "Hold the first morning trauma slot for hip fractures on weekdays",
         "predictions": [{"question": "Will more patients reach theatre within 36 h?",
                          "prediction": "The share within 36 h rises from about 62% to over 75% within two months"}],
         "measures": [{"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "RXH", "microsystem": "trauma-ward-2"}],
         "dataCollection": {"who": "Ward audit clerk", "what": "Arrival and knife-to-skin times of every hip fracture",
                            "when": "Daily, submitted monthly to the NHFD", "where": "Theatre system and ED records"},
         "owner": {"name": "Dr A Patel", "email": "a.patel@nhs.net", "role": "orthogeriatric registrar"},
         "team": [{"name": "Sister J Jones", "email": null, "role": "ward manager"}],
         "plannedStart": "2025-11-10", "plannedEnd": "2026-02-28"}""")
public record Plan(
        UUID needId,
        UUID follows,
        String title,
        String objective,
        String changeIdea,
        List<Prediction> predictions,
        List<Measure> measures,
        DataCollection dataCollection,
        Person owner,
        List<Person> team,
        LocalDate plannedStart,
        LocalDate plannedEnd) {

    /** A question the cycle asks and what the team predicts, measurably. */
    @Schema(name = "Prediction", example = """
            {"question": "Will more patients reach theatre within 36 h?", "prediction": "Over 75 % within two months"}""")
    public record Prediction(String question, String prediction) {
    }

    /** Who collects what, when and where. */
    @Schema(name = "DataCollection", example = """
            {"who": "Ward audit clerk", "what": "Arrival and knife-to-skin times", "when": "Daily", "where": "Theatre system"}""")
    public record DataCollection(String who, String what, String when, String where) {
    }
}
