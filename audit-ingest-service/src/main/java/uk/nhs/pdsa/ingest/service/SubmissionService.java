package uk.nhs.pdsa.ingest.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.ingest.service.AuditResultService.Stored;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * One submission from body to stored results: reads the body in its format, checks it is the submitter's own
 * organisation's and within the batch limit, and stores it all-or-nothing.
 */
@ApplicationScoped
public class SubmissionService {
    /** What a submission stored, in request order; {@code single} when the body was one result, not a batch. */
    public record Submitted(List<Stored> results, boolean single) {
    }

    private final AuditResultService results;
    private final ObjectMapper json;
    private final int maxBatchSize;

    public SubmissionService(AuditResultService results, ObjectMapper json,
            @ConfigProperty(name = "pdsa.ingest.max-batch-size") int maxBatchSize) {
        this.results = results;
        this.json = json;
        this.maxBatchSize = maxBatchSize;
    }

    @Transactional(TxType.MANDATORY)
    public Submitted submit(SubmissionFormat format, byte[] body, String submitter, String organisation) {
        if (body.length == 0) {
            throw ProblemException.validation("the body is empty", List.of(new FieldError("/", "body is empty")));
        }
        String text = utf8(body);
        CatalogueLookup catalogue = results.catalogue();
        boolean single;
        List<SubmissionReader.Read> reads;
        switch (format) {
            case CSV -> {
                single = false;
                reads = CsvSubmissionReader.read(text);
            }
            case FHIR_JSON, FHIR_XML -> {
                reads = FhirSubmissionReader.read(FhirSubmissionReader.parse(text, format == SubmissionFormat.FHIR_XML),
                        catalogue);
                single = reads.size() == 1 && reads.get(0).pointer().isEmpty();
            }
            default -> {
                JsonNode tree = parseJson(text);
                single = !tree.isArray();
                reads = SubmissionReader.readBody(tree);
            }
        }
        return new Submitted(submit(reads, catalogue, submitter, organisation), single);
    }

    /** The catalogue as this transaction reads it. */
    public CatalogueLookup catalogue() {
        return results.catalogue();
    }

    /**
     * Stores items already read (a FHIR endpoint reads its own resources): within the batch limit, the submitter's own
     * organisation's, all-or-nothing.
     */
    @Transactional(TxType.MANDATORY)
    public List<Stored> submit(List<SubmissionReader.Read> reads, CatalogueLookup catalogue, String submitter,
            String organisation) {
        if (reads.size() > maxBatchSize) {
            throw ProblemException.validation("a batch holds 1 to " + maxBatchSize + " results; this one holds "
                    + reads.size(), List.of(new FieldError("/", "batch size " + reads.size())));
        }
        requireOwnOrganisation(reads, organisation);
        return results.submit(reads, catalogue, submitter);
    }

    /** A token submits for its own organisation only: any item naming another refuses the whole request (403). */
    static void requireOwnOrganisation(List<SubmissionReader.Read> reads, String organisation) {
        List<FieldError> foreign = reads.stream()
                // A malformed code is not another organisation: the field rules answer it (400), form first.
                .filter(r -> r.submission() != null && uk.nhs.pdsa.metrics.OrganisationCode.isValid(r.submission().organisation())
                        && !r.submission().organisation().equals(organisation))
                .map(r -> new FieldError(r.pointer() + "/organisation", "'" + r.submission().organisation()
                        + "' is not the organisation this token submits for (" + organisation + ")"))
                .toList();
        if (!foreign.isEmpty()) {
            throw new ProblemException(403, "forbidden-organisation", "Results for another organisation",
                    foreign.size() + " item(s) name another organisation than the token's (" + organisation
                            + "); nothing was stored", foreign);
        }
    }

    private JsonNode parseJson(String text) {
        try {
            JsonNode tree = json.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw ProblemException.validation("the body is empty", List.of(new FieldError("/", "body is empty")));
            }
            if (tree.isArray() && tree.isEmpty()) {
                throw ProblemException.validation("a batch holds 1 to " + maxBatchSize + " results; this one is empty",
                        List.of(new FieldError("/", "batch size 0")));
            }
            if (!tree.isArray() && !tree.isObject()) {
                throw ProblemException.validation("the body must be a result object or an array of them",
                        List.of(new FieldError("/", "a JSON " + tree.getNodeType().name().toLowerCase(Locale.ROOT))));
            }
            return tree;
        } catch (JsonProcessingException e) {
            String detail = uk.nhs.pdsa.runtime.json.JsonProblems.detail(e);
            throw ProblemException.malformed(detail.startsWith("the body is not valid JSON") ? detail
                    : "the body is not valid JSON: " + detail, List.of());
        }
    }

    /** The body as UTF-8 text; anything else is a malformed body. */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.malformed("the body is not UTF-8 text", List.of());
        }
    }
}
