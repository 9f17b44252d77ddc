package uk.nhs.pdsa.runtime.problem;

import java.util.List;

import uk.nhs.pdsa.runtime.problem.Problem.FieldError;

/**
 * Thrown by resources and services to answer with a problem+json response. Its detail is the words the code that
 * throws it writes for the caller (never another exception's message); it is also the exception's message, for logs.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;
    private final java.util.Map<String, String> headers;

    public ProblemException(int status, String slug, String title, String detail, List<FieldError> errors) {
        this(status, slug, title, detail, errors, java.util.Map.of());
    }

    private ProblemException(int status, String slug, String title, String detail, List<FieldError> errors,
            java.util.Map<String, String> headers) {
        super(detail);
        this.detail = detail;
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = java.util.Map.copyOf(headers);
    }

    /** The same problem answered with an extra response header (e.g. {@code Retry-After}). */
    public ProblemException withHeader(String name, String value) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new ProblemException(status, slug, title, detail, errors, all);
    }

    /** A role the caller does not hold: 403. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, List.of());
    }

    /** Too many requests from one organisation: 429 with {@code Retry-After} in whole seconds. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, "rate-limited", "Too many requests", detail, List.of())
                .withHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public static ProblemException validation(String detail, List<FieldError> errors) {
        return new ProblemException(400, "validation", "Request is not valid", detail, errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Resource not found", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict with the current state", detail, List.of());
    }

    /** The body could not be read as the format its Content-Type names (broken JSON, CSV or FHIR). */
    public static ProblemException malformed(String detail, List<FieldError> errors) {
        return new ProblemException(400, "malformed-body", "Request body cannot be read", detail, errors);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "unsupported-media-type", "Unsupported Content-Type", detail, List.of());
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new ProblemException(413, "payload-too-large", "Request body too large", detail, List.of());
    }

    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(422, slug, title, detail, List.of());
    }

    /** The words for the caller. */
    public String detail() {
        return detail;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_BASE + slug, title, status, detail, instance, errors);
    }

    public int status() {
        return status;
    }
}
