package uk.nhs.pdsa.actionplan.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.actionplan.ImprovementNeed;
import uk.nhs.pdsa.actionplan.NeedEvidence;
import uk.nhs.pdsa.actionplan.config.NeedsConfig;
import uk.nhs.pdsa.actionplan.mapping.NeedMapper;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.runtime.outbox.Outbox;

/**
 * Turns concerning findings into improvement needs: the first opens a need for its organisation,
 * microsystem and metric; later ones, while the need is open, are added to it as evidence.
 */
@ApplicationScoped
public class ImprovementNeedService {
    /** Due dates are calendar dates in England. */
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private final Outbox outbox;
    private final NeedsConfig config;
    private final ObjectMapper json;

    public ImprovementNeedService(Outbox outbox, NeedsConfig config, ObjectMapper json) {
        this.outbox = outbox;
        this.config = config;
        this.json = json;
    }

    @Transactional(TxType.MANDATORY)
    public void onFinding(FindingState finding) {
        if (!finding.holds() || !finding.concerning()) {
            return;
        }
        Instant now = Clock.systemUTC().instant();
        ImprovementNeed need = ImprovementNeed.findOpen(finding.organisation(), finding.microsystem(), finding.audit(),
                finding.metric()).orElse(null);
        if (need == null) {
            need = open(finding, now);
        } else if (NeedEvidence.count("needId = ?1 and findingId = ?2", need.id, finding.findingId()) > 0) {
            return;
        }
        NeedEvidence evidence = new NeedEvidence();
        evidence.needId = need.id;
        evidence.findingId = finding.findingId();
        evidence.period = finding.period();
        evidence.variation = finding.specialCause() != null ? finding.specialCause().variation()
                : finding.outlier().classification();
        evidence.signals = signalsJson(finding.specialCause() != null ? finding.specialCause().signals() : List.of());
        evidence.addedAt = now;
        evidence.persist();
    }

    private ImprovementNeed open(FindingState finding, Instant now) {
        ImprovementNeed need = new ImprovementNeed();
        // Derived from the opening finding: a replay after the need was closed cannot open a twin.
        need.id = UUID.nameUUIDFromBytes(("need#" + finding.findingId()).getBytes(StandardCharsets.UTF_8));
        need.organisation = finding.organisation();
        need.microsystem = finding.microsystem();
        need.audit = finding.audit();
        need.metric = finding.metric();
        need.status = ImprovementNeed.OPEN;
        need.openingFindingId = finding.findingId();
        need.openedAt = now;
        need.dueBy = LocalDate.ofInstant(now.plus(config.answerWithin()), ENGLAND);
        need.persist();
        var event = NeedMapper.toOpenedEvent(need, finding.period());
        outbox.publish(EventType.IMPROVEMENT_NEED_OPENED, need.id, need.organisation,
                "improvement-need/" + need.id, event);
        return need;
    }

    private String signalsJson(List<FindingState.Signal> signals) {
        try {
            return json.writeValueAsString(signals);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
