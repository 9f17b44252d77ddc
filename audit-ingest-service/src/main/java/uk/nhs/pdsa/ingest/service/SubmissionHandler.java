package uk.nhs.pdsa.ingest.service;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.ingest.AuditResult;
import uk.nhs.pdsa.ingest.rest.AuditResultView;
import uk.nhs.pdsa.ingest.rest.BatchReceipt;
import uk.nhs.pdsa.ingest.service.AuditResultService.Outcome;
import uk.nhs.pdsa.ingest.service.AuditResultService.Stored;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * One submission request from body to answer, in one transaction: reads the body in the format its
 * Content-Type names, stores the results, and, when the request carries an {@code Idempotency-Key},
 * records the answer with the effect so that a retry gets the same answer and no second effect.
 * <p>
 * Idempotency follows the IETF draft "The Idempotency-Key HTTP Header Field": a key is scoped to its
 * submitter; the same key with a different request is 422; a retry arriving while the first request is
 * still running waits for it (the database serialises them) and then replays its answer. A request that
 * failed changed nothing and is not remembered: retrying it runs it again. Keys are kept for
 * {@code pdsa.ingest.idempotency-retention}.
 */
@ApplicationScoped
public class SubmissionHandler {
    private static final Logger LOG = Logger.getLogger(SubmissionHandler.class);
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv";
    public static final String FHIR_JSON = "application/fhir+json";
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");

    private final AuditResultService results;
    private final EntityManager em;
    private final ObjectMapper json;
    private final int maxBatchSize;
    private final Duration retention;

    public SubmissionHandler(AuditResultService results, EntityManager em, ObjectMapper json,
            @ConfigProperty(name = "pdsa.ingest.max-batch-size") int maxBatchSize,
            @ConfigProperty(name = "pdsa.ingest.idempotency-retention") Duration retention) {
        this.results = results;
        this.em = em;
        this.json = json;
        this.maxBatchSize = maxBatchSize;
        this.retention = retention;
    }

    /** The answer to a submission; {@code replayed} when it is the stored answer to an earlier request. */
    public record Reply(int status, String location, String body, boolean replayed) {
    }

    @Transactional
    public Reply submit(String contentType, byte[] body, String idempotencyKey, String submitter, String organisation) {
        String format = format(contentType);
        String requestHash = null;
        if (idempotencyKey != null) {
            if (!KEY.matcher(idempotencyKey).matches()) {
                String detail = "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key)";
                throw ProblemException.validation(detail, List.of(new FieldError("/headers/Idempotency-Key", detail)));
            }
            requestHash = hash(format, body);
            Reply earlier = claim(submitter, idempotencyKey, requestHash);
            if (earlier != null) {
                return earlier;
            }
        }
        Reply reply = store(format, body, submitter, organisation);
        if (idempotencyKey != null) {
            em.createNativeQuery("update idempotency_record set status = :status, location = :location, body = :body"
                            + " where submitter = :submitter and idempotency_key = :key")
                    .setParameter("status", reply.status())
                    .setParameter("location", reply.location())
                    .setParameter("body", reply.body())
                    .setParameter("submitter", submitter)
                    .setParameter("key", idempotencyKey)
                    .executeUpdate();
        }
        return reply;
    }

    /** The format a Content-Type names (parameters such as charset ignored), or 415. */
    static String format(String contentType) {
        // RESTEasy reports a request without Content-Type as */*, which is not a media type a body can have.
        if (contentType == null || contentType.isBlank() || contentType.strip().startsWith("*/*")) {
            throw ProblemException.unsupportedMediaType("Content-Type is required: " + JSON + ", " + CSV + " or " + FHIR_JSON);
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals(JSON) || type.equals(CSV) || type.equals(FHIR_JSON)) {
            return type;
        }
        throw ProblemException.unsupportedMediaType("Content-Type " + type + " is not accepted; send " + JSON + ", "
                + CSV + " or " + FHIR_JSON);
    }

    /**
     * Inserts the key's row, or, if it exists, waits for the transaction that wrote it and answers with its
     * stored reply. Returns null when this request is the first with the key.
     */
    private Reply claim(String submitter, String key, String requestHash) {
        int inserted = em.createNativeQuery("insert into idempotency_record (submitter, idempotency_key, request_hash,"
                        + " status, body, created_at) values (:submitter, :key, :hash, 0, '', now()) on conflict do nothing")
                .setParameter("submitter", submitter)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .executeUpdate();
        if (inserted == 1) {
            return null;
        }
        Object[] row = (Object[]) em.createNativeQuery("select request_hash, status, location, body, created_at"
                        + " from idempotency_record where submitter = :submitter and idempotency_key = :key for update")
                .setParameter("submitter", submitter)
                .setParameter("key", key)
                .getSingleResult();
        Instant createdAt = row[4] instanceof Timestamp t ? t.toInstant() : (Instant) row[4];
        if (createdAt.isBefore(Instant.now().minus(retention))) {
            // Expired but not yet swept: the key starts afresh.
            em.createNativeQuery("update idempotency_record set request_hash = :hash, status = 0, location = null,"
                            + " body = '', created_at = now() where submitter = :submitter and idempotency_key = :key")
                    .setParameter("hash", requestHash)
                    .setParameter("submitter", submitter)
                    .setParameter("key", key)
                    .executeUpdate();
            return null;
        }
        if (!requestHash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key already used",
                    "Idempotency-Key " + key + " was used with a different request; use a new key for a new request");
        }
        return new Reply(((Number) row[1]).intValue(), (String) row[2], (String) row[3], true);
    }

    private Reply store(String format, byte[] body, String submitter, String organisation) {
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
            case FHIR_JSON -> {
                reads = FhirSubmissionReader.read(text, catalogue);
                single = reads.size() == 1 && reads.get(0).pointer().isEmpty();
            }
            default -> {
                JsonNode tree = parseJson(text);
                single = !tree.isArray();
                reads = SubmissionReader.readBody(tree);
            }
        }
        if (reads.size() > maxBatchSize) {
            throw ProblemException.validation("a batch holds 1 to " + maxBatchSize + " results; this one holds "
                    + reads.size(), List.of(new FieldError("/", "batch size " + reads.size())));
        }
        requireOwnOrganisation(reads, organisation);
        List<Stored> stored = results.submit(reads, catalogue, submitter);
        if (!single) {
            return new Reply(200, null, write(BatchReceipt.of(stored)), false);
        }
        Stored only = stored.get(0);
        AuditResultView view = AuditResultView.of(em.find(AuditResult.class, only.id()), only.outcome());
        return only.outcome() == Outcome.CREATED
                ? new Reply(201, "/api/v1/audit-results/" + only.id(), write(view), false)
                : new Reply(200, null, write(view), false);
    }

    /** A token submits for its own organisation only: any item naming another refuses the whole request (403). */
    static void requireOwnOrganisation(List<SubmissionReader.Read> reads, String organisation) {
        List<FieldError> foreign = reads.stream()
                .filter(r -> r.submission() != null && !r.submission().organisation().equals(organisation))
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
            var location = e.getLocation();
            throw ProblemException.malformed("the body is not valid JSON" + (location == null ? "" : " (line "
                    + location.getLineNr() + ", column " + location.getColumnNr() + ")") + ": " + e.getOriginalMessage(),
                    List.of());
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.malformed("the body is not UTF-8 text", List.of());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String format, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(format.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets keys older than the retention period. */
    @Scheduled(every = "10m", delayed = "1m")
    @Transactional
    void sweep() {
        int removed = em.createNativeQuery("delete from idempotency_record where created_at < :before")
                .setParameter("before", Instant.now().minus(retention))
                .executeUpdate();
        if (removed > 0) {
            LOG.infof("Forgot %d idempotency keys older than %s", removed, retention);
        }
    }
}
