package uk.nhs.pdsa.actionplan.service;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.actionplan.ChangeHistory;
import uk.nhs.pdsa.runtime.security.Caller;

/** Keeps who changed what and when, in the transaction of the change. */
@ApplicationScoped
public class History {
    /** Changes the service makes itself (a finding arrived, a due date passed). */
    public static final String SYSTEM = "action-plan-service";

    private final ObjectMapper json;
    private final jakarta.enterprise.inject.Instance<Caller> callers;

    public History(ObjectMapper json, jakarta.enterprise.inject.Instance<Caller> callers) {
        this.json = json;
        this.callers = callers;
    }

    /** Who asked for the change being made: the token's subject@organisation, or this service itself. */
    public String requester() {
        if (io.quarkus.arc.Arc.container().requestContext().isActive()) {
            Caller caller = callers.get();
            if (caller.subject() != null && caller.organisation() != null) {
                return caller.actor();
            }
        }
        return SYSTEM;
    }

    /** The name the provider gives the person making this change, when {@code actor} is that person; else null. */
    private String nameOf(String actor) {
        if (io.quarkus.arc.Arc.container().requestContext().isActive()) {
            Caller caller = callers.get();
            if (caller.subject() != null && caller.organisation() != null && caller.actor().equals(actor)) {
                return caller.displayName();
            }
        }
        return null;
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
        h.actorName = nameOf(actor);
        h.at = at;
        h.details = json.valueToTree(details);
        h.persist();
    }
}
