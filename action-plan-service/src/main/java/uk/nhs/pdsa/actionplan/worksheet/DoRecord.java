package uk.nhs.pdsa.actionplan.worksheet;

import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Do: when the change was actually made, what was done, problems and unexpected observations. */
@Schema(name = "DoRecord", example = """
        {"changeDate": "2025-11-12", "whatWasDone": "First weekday trauma slot held for hip fractures from 12 November",
         "problems": "Two days lost to theatre staffing", "observations": "Anaesthetists asked for the list the evening before"}""")
public record DoRecord(LocalDate changeDate, String whatWasDone, String problems, String observations,
        @Schema(readOnly = true) String recordedBy, @Schema(readOnly = true) Instant recordedAt) {

    public DoRecord recorded(String by, Instant at) {
        return new DoRecord(changeDate, whatWasDone, problems, observations, by, at);
    }
}
