package uk.nhs.pdsa.runtime.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors} lists each
 * invalid field as a JSON pointer into the request, with the reason.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are documented under this base in docs/api.md. */
    public static final String TYPE_BASE = "https://pdsa.nhs.uk/problems/";

    public record FieldError(String pointer, String detail) {
    }
}
