package uk.nhs.pdsa.findings.model;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/funnel/compute}. */
@Schema(name = "FunnelRequest", example = """
        {"type": "proportion", "overdispersion": "auto", "units": [{"id": "RXH", "numerator": 39, "denominator": 300},
         {"id": "RJ1", "numerator": 12, "denominator": 156}, {"id": "RTH", "numerator": 14, "denominator": 210}]}""")
public record FunnelRequest(String type, String overdispersion, List<Unit> units) {

    @Schema(name = "FunnelRequestUnit", description = "A proportion or rate: numerator over denominator. A"
            + " standardised ratio: the observed count as numerator and the risk model's expected count (denominator,"
            + " the patients, optional)", example = """
            {"id": "RXH", "numerator": 39, "denominator": 300}""")
    public record Unit(String id, Long numerator, Long denominator, Double expected) {
    }
}
