package uk.nhs.pdsa.ingest.repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * The answers given to requests that carried an {@code Idempotency-Key} ({@code idempotency_record}), following
 * the IETF draft "The Idempotency-Key HTTP Header Field": a key is scoped to its submitter; the same key with a
 * different request is 422; a retry arriving while the first request is still running waits for it (the
 * database serialises them on the key's row) and then gets its answer. The answer is written in the transaction
 * of the effect, so a request that failed changed nothing and is not remembered. Keys are kept for
 * {@code pdsa.ingest.idempotency-retention}.
 */
@ApplicationScoped
public class IdempotencyStore {
    /** An answer as it was given. */
    public record Answer(int status, String location, String body) {
    }

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");

    private final EntityManager em;
    private final Duration retention;

    public IdempotencyStore(EntityManager em,
            @ConfigProperty(name = "pdsa.ingest.idempotency-retention") Duration retention) {
        this.em = em;
        this.retention = retention;
    }

    /** @throws ProblemException 400 for a key that is not 1 to 255 visible ASCII characters */
    public static void checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            String detail = "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key)";
            throw ProblemException.validation(detail, List.of(new FieldError("/headers/Idempotency-Key", detail)));
        }
    }

    /** What identifies a request for its key: its format and its bytes. */
    public static String requestHash(String format, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(format.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Claims the key for this request, or, if an earlier request holds it, waits for that request's transaction
     * and returns its answer.
     *
     * @return empty when this request is the first with the key (or the key had expired)
     * @throws ProblemException 422 when the key was used with a different request
     */
    @Transactional(TxType.MANDATORY)
    public Optional<Answer> claim(String submitter, String key, String requestHash) {
        int inserted = em.createNativeQuery("insert into idempotency_record (submitter, idempotency_key, request_hash,"
                        + " status, body, created_at) values (:submitter, :key, :hash, 0, '', now()) on conflict do nothing")
                .setParameter("submitter", submitter)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
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
            return Optional.empty();
        }
        if (!requestHash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key already used",
                    "Idempotency-Key " + key + " was used with a different request; use a new key for a new request");
        }
        return Optional.of(new Answer(((Number) row[1]).intValue(), (String) row[2], (String) row[3]));
    }

    /** Keeps the answer to the request that claimed the key. */
    @Transactional(TxType.MANDATORY)
    public void remember(String submitter, String key, Answer answer) {
        em.createNativeQuery("update idempotency_record set status = :status, location = :location, body = :body"
                        + " where submitter = :submitter and idempotency_key = :key")
                .setParameter("status", answer.status())
                .setParameter("location", answer.location())
                .setParameter("body", answer.body())
                .setParameter("submitter", submitter)
                .setParameter("key", key)
                .executeUpdate();
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
