package uk.nhs.pdsa.ingest.model;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /api/v1/organisations/{code}}; microsystems are written one by one under it. */
@Schema(name = "OrganisationDefinition", description = "A trust, Royal College or patient group. Colleges list the"
        + " specialties whose audits they oversee.", example = """
        {"name": "Royal College of Surgeons of England", "type": "college", "specialties": ["orthopaedics", "general-surgery"]}""")
public record OrganisationDefinition(String code, String name, String type, List<String> specialties) {

    /** The body of {@code PUT /api/v1/organisations/{code}/microsystems/{msCode}}. */
    @Schema(name = "MicrosystemDefinition", example = """
            {"name": "Trauma ward 2"}""")
    public record MicrosystemDefinition(String code, String name) {
    }
}
