package uk.nhs.pdsa.runtime.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors} lists each
 * invalid field as a JSON pointer into the request, with the reason.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details; errors[] names each invalid field by JSON pointer",
        example = """
        {"type": "https://pdsa.nhs.uk/problems/validation", "title": "Request is not valid", "status": 400,
         "detail": "1 invalid field(s); nothing was stored", "instance": "/api/v1/audit-results",
         "errors": [{"pointer": "/0/numerator", "detail": "numerator (53) must not exceed denominator (52)"}]}""")
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are documented under this base in docs/api.md. */
    public static final String TYPE_BASE = "https://pdsa.nhs.uk/problems/";

    @Schema(name = "FieldError", description = "One invalid field: where (a JSON pointer into the request) and why",
            example = """
            {"pointer": "/3/period", "detail": "'2025-13' is not a period: period must be a month (2025-03), a quarter (2025-Q1) or a year (2025)"}""")
    public record FieldError(String pointer, String detail) {
    }
}
