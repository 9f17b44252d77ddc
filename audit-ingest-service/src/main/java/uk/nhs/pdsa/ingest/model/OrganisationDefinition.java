package uk.nhs.pdsa.ingest.model;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /api/v1/organisations/{code}}; microsystems are written one by one under it. */
@Schema(name = "OrganisationDefinition", description = "A trust, Royal College, patient group, the regulator or a"
        + " commissioner. Colleges list the specialties whose audits they oversee; a commissioner (an integrated care"
        + " board) lists the trusts it commissions.", example = """
        {"name": "Royal College of Surgeons of England", "type": "college", "specialties": ["orthopaedics", "general-surgery"]}""")
public record OrganisationDefinition(String code, String name, String type, List<String> specialties,
        @Schema(description = "A commissioner's member trusts (ODS codes), each a trust of the catalogue",
                example = "[\"RJ1\", \"RJZ\"]") List<String> members) {

    public OrganisationDefinition(String code, String name, String type, List<String> specialties) {
        this(code, name, type, specialties, null);
    }

    /** The body of {@code PUT /api/v1/organisations/{code}/microsystems/{msCode}}. */
    @Schema(name = "MicrosystemDefinition", example = """
            {"name": "Trauma ward 2"}""")
    public record MicrosystemDefinition(String code, String name) {
    }
}
