package uk.nhs.pdsa.actionplan.service;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.actionplan.ChangeHistory;

/** Keeps who changed what and when, in the transaction of the change. */
@ApplicationScoped
public class History {
    /** Until users sign in (the security issue), every change is recorded as made by this caller. */
    public static final String ANONYMOUS = "anonymous";
    /** Changes the service makes itself (a finding arrived, a due date passed). */
    public static final String SYSTEM = "action-plan-service";

    private final ObjectMapper json;

    public History(ObjectMapper json) {
        this.json = json;
    }

    @Transactional(TxType.MANDATORY)
    public void record(String subjectType, UUID subjectId, int version, String action, String actor, Instant at,
            Object details) {
        ChangeHistory h = new ChangeHistory();
        h.subjectType = subjectType;
        h.subjectId = subjectId;
        h.version = version;
        h.action = action;
        h.actor = actor;
        h.at = at;
        h.details = json.valueToTree(details);
        h.persist();
    }
}
