package uk.nhs.pdsa.ingest.rest;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.ingest.AuditResult;
import uk.nhs.pdsa.ingest.repository.IdempotencyStore;
import uk.nhs.pdsa.ingest.repository.IdempotencyStore.Answer;
import uk.nhs.pdsa.ingest.service.AuditResultService.Outcome;
import uk.nhs.pdsa.ingest.service.AuditResultService.Stored;
import uk.nhs.pdsa.ingest.service.SubmissionFormat;
import uk.nhs.pdsa.ingest.service.SubmissionService;
import uk.nhs.pdsa.ingest.service.SubmissionService.Submitted;

/**
 * The HTTP answer to a submission, in the transaction that stores it: with an {@code Idempotency-Key}, the answer
 * is kept with the effect, and a retry is given the first answer ({@link IdempotencyStore}).
 */
@ApplicationScoped
class SubmissionAnswers {
    /** An answer; {@code replayed} when it is the kept answer to an earlier request. */
    record Reply(Answer answer, boolean replayed) {
    }

    private final SubmissionService submissions;
    private final IdempotencyStore idempotency;
    private final ObjectMapper json;

    SubmissionAnswers(SubmissionService submissions, IdempotencyStore idempotency, ObjectMapper json) {
        this.submissions = submissions;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Transactional
    Reply submit(SubmissionFormat format, byte[] body, String idempotencyKey, String submitter, String organisation) {
        if (idempotencyKey == null) {
            return new Reply(answer(submissions.submit(format, body, submitter, organisation)), false);
        }
        IdempotencyStore.checkKey(idempotencyKey);
        Optional<Answer> earlier = idempotency.claim(submitter, idempotencyKey,
                IdempotencyStore.requestHash(format.mediaType(), body));
        if (earlier.isPresent()) {
            return new Reply(earlier.get(), true);
        }
        Answer answer = answer(submissions.submit(format, body, submitter, organisation));
        idempotency.remember(submitter, idempotencyKey, answer);
        return new Reply(answer, false);
    }

    /** 201 with a Location for one new result, 200 for one revised or unchanged, 200 with a receipt for a batch. */
    private Answer answer(Submitted submitted) {
        if (!submitted.single()) {
            return new Answer(200, null, write(BatchReceipt.of(submitted.results())));
        }
        Stored only = submitted.results().get(0);
        AuditResultView view = AuditResultView.of(AuditResult.findById(only.id()), only.outcome());
        return only.outcome() == Outcome.CREATED
                ? new Answer(201, "/api/v1/audit-results/" + only.id(), write(view))
                : new Answer(200, null, write(view));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
