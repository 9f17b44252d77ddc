package uk.nhs.pdsa.notification.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.notification.CatalogueEntry;
import uk.nhs.pdsa.notification.repository.TrustProgress;

/**
 * Each step of an outlier case becomes the messages {@link OutlierCaseMessages} says, with names from the
 * catalogue, the catalogue's regulators and patient groups, and (at publication) what the trust did on the measure
 * since the case opened. One record per case version: a replayed step is not sent twice.
 */
@ApplicationScoped
public class OutlierCaseNotices {
    private final DeliveryLog log;
    private final TrustProgress progress;
    private final Disclosures disclosures;

    public OutlierCaseNotices(DeliveryLog log, TrustProgress progress, Disclosures disclosures) {
        this.log = log;
        this.progress = progress;
        this.disclosures = disclosures;
    }

    @Transactional(TxType.MANDATORY)
    public void on(OutlierCaseState c) {
        CatalogueEntry audit = CatalogueEntry.audit(c.audit()).orElse(null);
        OutlierCaseMessages.Names names = new OutlierCaseMessages.Names(
                CatalogueEntry.organisation(c.organisation()).map(o -> o.name).orElse(c.organisation()),
                audit == null ? c.audit() : audit.name,
                audit == null ? c.metric() : audit.metrics.getOrDefault(c.metric(), c.metric()));
        TrustProgress.Since since = OutlierCaseState.PUBLISHED.equals(c.stage())
                ? progress.since(c.organisation(), c.audit(), c.metric(), c.openedAt()) : null;
        List<Message> messages = OutlierCaseMessages.of(c, names, codes(OutlierCaseMessages.REGULATOR),
                codes(DisclosureMessages.PATIENT_GROUP), since);
        if (OutlierCaseState.PUBLISHED.equals(c.stage())) {
            disclosures.casePublished(c, java.time.Instant.now());
        }
        if (!messages.isEmpty()) {
            log.record("outlier-case:" + c.caseId() + "#v" + c.version(), EventType.OUTLIER_CASE_MOVED.ceType(),
                    c.audit(), messages);
        }
    }

    private static List<String> codes(String type) {
        return CatalogueEntry.ofType(type).stream().map(e -> e.code).toList();
    }
}
