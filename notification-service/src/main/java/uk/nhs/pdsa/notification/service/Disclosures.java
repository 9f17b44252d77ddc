package uk.nhs.pdsa.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.notification.CatalogueEntry;
import uk.nhs.pdsa.notification.Disclosure;
import uk.nhs.pdsa.notification.routing.DisclosurePolicy;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Staged disclosure, as the national outlier process does it: the trust hears first; a Royal College whose
 * specialties cover the audit hears of outliers and concerning variation only after a delay, in one summary per
 * audit; patient groups hear only of published trust-level findings (after an embargo, or published by hand),
 * in plain words. Each finding reaches each college once (a row per finding and college, in the transaction
 * of the message), and is published once.
 */
@ApplicationScoped
public class Disclosures {
    private final EntityManager em;
    private final DeliveryLog log;
    private final DisclosurePolicy policy;

    public Disclosures(EntityManager em, DeliveryLog log,
            @ConfigProperty(name = "pdsa.disclosure.college-delay") Duration collegeDelay,
            @ConfigProperty(name = "pdsa.disclosure.public-embargo") Duration publicEmbargo) {
        this.em = em;
        this.log = log;
        this.policy = new DisclosurePolicy(collegeDelay, publicEmbargo);
    }

    /**
     * The trust has just been told of these findings: the wider audiences' clocks start now, once per finding (one
     * query for those already known, the new ones written together when the transaction flushes).
     */
    @Transactional(TxType.MANDATORY)
    public void trustTold(List<FindingState> findings, Instant now) {
        Map<UUID, FindingState> disclosed = new LinkedHashMap<>();
        for (FindingState f : findings) {
            if (policy.collegeAfter(f, now).isPresent() || policy.publicAfter(f, now).isPresent()) {
                disclosed.putIfAbsent(f.findingId(), f);
            }
        }
        if (disclosed.isEmpty()) {
            return;
        }
        Disclosure.<Disclosure>list("findingId in ?1", disclosed.keySet()).forEach(d -> disclosed.remove(d.findingId));
        for (FindingState f : disclosed.values()) {
            Disclosure d = new Disclosure();
            d.findingId = f.findingId();
            d.kind = f.kind();
            d.orientation = f.orientation();
            d.audit = f.audit();
            d.metric = f.metric();
            d.organisation = f.organisation();
            d.microsystem = f.microsystem();
            d.period = f.period();
            d.value = f.value();
            d.reference = f.outlier() != null ? f.outlier().target() : f.specialCause().centreLine();
            d.variation = f.outlier() != null ? f.outlier().classification() : f.specialCause().variation();
            d.trustToldAt = now;
            d.collegeAfter = policy.collegeAfter(f, now).orElse(null);
            d.publicAfter = policy.publicAfter(f, now).orElse(null);
            d.persist();
        }
    }

    /**
     * An outlier case reached its publication step (the audit published it, its patient groups are told by the
     * case's own message): it is listed with the published findings from now on, once.
     */
    @Transactional(TxType.MANDATORY)
    public void casePublished(uk.nhs.pdsa.events.OutlierCaseState c, Instant now) {
        if (c.value() == null || c.target() == null || Disclosure.findById(c.caseId()) != null) {
            return;
        }
        Disclosure d = new Disclosure();
        d.findingId = c.caseId();
        d.kind = "outlier-case";
        d.orientation = FindingState.CONCERN;
        d.audit = c.audit();
        d.metric = c.metric();
        d.organisation = c.organisation();
        d.period = c.period();
        d.value = c.value();
        d.reference = c.target();
        d.variation = c.level();
        d.trustToldAt = c.openedAt();
        d.publishedAt = now;
        d.publishedHow = "outlier-case";
        d.persist();
    }

    /** Sends each college, per audit, one summary of the findings now due for it; returns how many summaries. */
    @Transactional
    public int discloseToColleges(Instant now) {
        List<Disclosure> due = Disclosure.list("collegeAfter <= ?1 and withdrawnAt is null order by audit, trustToldAt", now);
        Map<String, List<Disclosure>> byAudit = new LinkedHashMap<>();
        due.forEach(d -> byAudit.computeIfAbsent(d.audit, a -> new ArrayList<>()).add(d));
        Set<String> sent = sentPairs(due);
        List<CatalogueEntry> colleges = CatalogueEntry.ofType("college");
        int summaries = 0;
        for (var entry : byAudit.entrySet()) {
            CatalogueEntry audit = CatalogueEntry.audit(entry.getKey()).orElse(null);
            if (audit == null || audit.specialty == null) {
                continue; // the catalogue has not told us the audit's specialty yet: wait
            }
            for (CatalogueEntry college : colleges) {
                if (!college.specialties.contains(audit.specialty)) {
                    continue;
                }
                List<Disclosure> fresh = entry.getValue().stream().filter(d -> !sent.contains(d.findingId + "|" + college.code))
                        .toList();
                if (fresh.isEmpty()) {
                    continue;
                }
                String summary = "college-summary:" + college.code + ":" + audit.code + ":" + UUID.nameUUIDFromBytes(
                        fresh.stream().map(d -> d.findingId.toString()).sorted().reduce("", String::concat)
                                .getBytes(StandardCharsets.UTF_8));
                log.record(summary, EventType.FINDING_RAISED.ceType(), audit.code, List.of(DisclosureMessages.collegeSummary(
                        college.code, audit.name, fresh.stream().map(this::disclosed).toList())));
                for (Disclosure d : fresh) {
                    em.createNativeQuery("insert into disclosure_sent (finding_id, college, summary, sent_at)"
                                    + " values (:f, :c, :s, :at) on conflict do nothing")
                            .setParameter("f", d.findingId).setParameter("c", college.code).setParameter("s", summary)
                            .setParameter("at", now).executeUpdate();
                }
                summaries++;
            }
        }
        return summaries;
    }

    /** Publishes the trust-level findings whose embargo ended; returns how many. */
    @Transactional
    public int publishDue(Instant now) {
        List<Disclosure> due = Disclosure.list("publicAfter <= ?1 and publishedAt is null and withdrawnAt is null", now);
        due.forEach(d -> publish(d, "embargo", now));
        return due.size();
    }

    /** An admin's publication by hand, before the embargo ends: {@code created} false when it was already published. */
    public record ByHand(Disclosure disclosure, boolean created) {
    }

    /** Publishes a trust-level finding the trust was told of now, unless it is already published or was withdrawn. */
    @Transactional
    public ByHand publishNow(UUID findingId) {
        if (findingId == null) {
            throw ProblemException.validation("A finding id is required", List.of(new FieldError("/findingId", "required")));
        }
        Disclosure d = Disclosure.<Disclosure>findByIdOptional(findingId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("No finding " + findingId + " that its trust was told of"));
        if (d.microsystem != null) {
            throw ProblemException.validation("Only trust-level findings are published", List.of(new FieldError("/findingId",
                    "finding " + d.findingId + " is about microsystem " + d.microsystem + "; data below trust level is never published")));
        }
        if (d.withdrawnAt != null) {
            throw ProblemException.conflict("The publication of finding " + d.findingId + " was withdrawn at " + d.withdrawnAt);
        }
        if (d.publishedAt != null) {
            return new ByHand(d, false);
        }
        publish(d, "explicit", Instant.now());
        return new ByHand(d, true);
    }

    /** Withdraws a publication: it is not published again; messages already sent stay sent. */
    @Transactional
    public void withdraw(UUID findingId) {
        Disclosure d = Disclosure.<Disclosure>findByIdOptional(findingId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("No finding " + findingId));
        if (d.withdrawnAt == null) {
            d.withdrawnAt = Instant.now();
        }
    }

    /** Publishes one trust-level finding now and tells the patient groups. */
    @Transactional(TxType.MANDATORY)
    public void publish(Disclosure d, String how, Instant now) {
        d.publishedAt = now;
        d.publishedHow = how;
        DisclosureMessages.Disclosed disclosed = disclosed(d);
        List<Message> messages = CatalogueEntry.ofType("patient-group").stream()
                .map(group -> DisclosureMessages.forPatients(group.code, disclosed)).toList();
        log.record("published:" + d.findingId, EventType.FINDING_RAISED.ceType(), d.audit, messages);
    }

    public DisclosureMessages.Disclosed disclosed(Disclosure d) {
        CatalogueEntry audit = CatalogueEntry.audit(d.audit).orElse(null);
        String organisationName = CatalogueEntry.organisation(d.organisation).map(o -> o.name).orElse(d.organisation);
        return new DisclosureMessages.Disclosed(d.organisation, organisationName, d.microsystem, d.audit,
                audit == null ? d.audit : audit.name, d.metric,
                audit == null ? d.metric : audit.metrics.getOrDefault(d.metric, d.metric), d.period, d.kind,
                d.orientation, d.variation, d.value, d.reference, audit != null && audit.standardised(d.metric));
    }

    /** Which of these findings each college already has, as "finding|college", in one query. */
    @SuppressWarnings("unchecked")
    private Set<String> sentPairs(List<Disclosure> due) {
        if (due.isEmpty()) {
            return Set.of();
        }
        List<Object[]> rows = em.createNativeQuery("select cast(finding_id as varchar), college from disclosure_sent"
                        + " where finding_id = any(cast(:ids as uuid[]))")
                .setParameter("ids", due.stream().map(d -> d.findingId.toString()).collect(Collectors.joining(",", "{", "}")))
                .getResultList();
        return rows.stream().map(r -> r[0] + "|" + r[1]).collect(Collectors.toSet());
    }
}
