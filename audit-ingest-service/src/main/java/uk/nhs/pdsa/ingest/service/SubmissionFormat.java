package uk.nhs.pdsa.ingest.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import uk.nhs.pdsa.runtime.problem.ProblemException;

/** The body formats a submission may take, by media type. */
public enum SubmissionFormat {
    JSON("application/json"), CSV("text/csv"), FHIR_JSON("application/fhir+json"), FHIR_XML("application/fhir+xml");

    /** The DSTU2-era FHIR JSON media type that FHIR servers and clients still send. */
    static final String FHIR_JSON_LEGACY = "application/json+fhir";
    /** The DSTU2-era FHIR XML media type. */
    static final String FHIR_XML_LEGACY = "application/xml+fhir";

    private static final String ACCEPTED = Arrays.stream(values()).map(SubmissionFormat::mediaType)
            .collect(Collectors.joining(", ")) + " (or application/json+fhir, application/xml+fhir)";

    private final String mediaType;

    SubmissionFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean fhir() {
        return this == FHIR_JSON || this == FHIR_XML;
    }

    /**
     * The format a Content-Type names (parameters such as charset ignored).
     *
     * @throws ProblemException 415 for no Content-Type or another one
     */
    public static SubmissionFormat of(String contentType) {
        // RESTEasy reports a request without Content-Type as */*, which is not a media type a body can have.
        if (contentType == null || contentType.isBlank() || contentType.strip().startsWith("*/*")) {
            throw ProblemException.unsupportedMediaType("Content-Type is required: " + ACCEPTED);
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals(FHIR_JSON_LEGACY)) {
            return FHIR_JSON;
        }
        if (type.equals(FHIR_XML_LEGACY)) {
            return FHIR_XML;
        }
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(type)).findFirst()
                .orElseThrow(() -> ProblemException.unsupportedMediaType("Content-Type " + type
                        + " is not accepted; send " + ACCEPTED));
    }
}
