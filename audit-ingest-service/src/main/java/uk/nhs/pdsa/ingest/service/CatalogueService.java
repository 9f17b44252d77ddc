package uk.nhs.pdsa.ingest.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.Metric;
import uk.nhs.pdsa.ingest.Microsystem;
import uk.nhs.pdsa.ingest.Organisation;
import uk.nhs.pdsa.ingest.mapping.CatalogueMapper;
import uk.nhs.pdsa.ingest.model.AuditDefinition;
import uk.nhs.pdsa.ingest.model.OrganisationDefinition;
import uk.nhs.pdsa.metrics.OutlierPolicy;
import uk.nhs.pdsa.runtime.outbox.Outbox;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * The catalogue results are validated against: audits with their metrics, organisations with their
 * microsystems. Every change is a new version of the entry and one event on the compacted catalogue topic;
 * writing the same definition again changes nothing and publishes nothing.
 */
@ApplicationScoped
public class CatalogueService {
    private final Outbox outbox;
    private final EntityManager em;

    private final uk.nhs.pdsa.runtime.security.KnownOrganisations known;

    public CatalogueService(Outbox outbox, EntityManager em, uk.nhs.pdsa.runtime.security.KnownOrganisations known) {
        this.outbox = outbox;
        this.em = em;
        this.known = known;
    }

    public enum Change { CREATED, UPDATED, UNCHANGED }

    public record Written<T>(T entry, Change change) {
    }

    @Transactional
    public Written<AuditDefined> putAudit(String code, AuditDefinition definition) {
        var errors = CatalogueRules.checkAudit(code, definition);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s); the catalogue is unchanged", errors);
        }
        Audit audit = Audit.findById(code, LockModeType.PESSIMISTIC_WRITE);
        boolean created = audit == null;
        List<Metric> wanted = definition.metrics().stream().map(d -> metric(code, d)).toList();
        AuditDefined.Outliers outliers = definition.outliers() == null ? null : OutlierPolicy.complete(definition.outliers());
        checkMeasuresAreFree(code, wanted);
        if (!created) {
            checkMetricsWithResultsKeepTheirType(audit, wanted);
            if (audit.title.equals(definition.title()) && audit.specialty.equals(definition.specialty())
                    && sameMetrics(audit.metrics, wanted) && Objects.equals(audit.outliers, outliers)) {
                return new Written<>(CatalogueMapper.toEvent(audit), Change.UNCHANGED);
            }
        } else {
            audit = new Audit();
            audit.code = code;
        }
        audit.title = definition.title();
        audit.specialty = definition.specialty();
        audit.metrics.clear();
        audit.metrics.addAll(wanted);
        audit.outliers = outliers;
        audit.version++;
        audit.updatedAt = Instant.now();
        audit.persist();
        AuditDefined event = CatalogueMapper.toEvent(audit);
        String key = AuditDefined.key(code);
        outbox.publish(EventType.AUDIT_DEFINED, CatalogueMapper.eventId(key, audit.version), key, key, event);
        return new Written<>(event, created ? Change.CREATED : Change.UPDATED);
    }

    private static Metric metric(String audit, AuditDefined.Metric d) {
        Metric m = new Metric();
        m.code = d.code();
        m.title = d.title();
        m.type = d.type();
        m.direction = d.direction();
        m.target = d.target() == null ? null : d.target().stripTrailingZeros();
        m.unit = d.unit();
        m.fhirMeasure = d.fhirMeasure() != null ? d.fhirMeasure() : CatalogueRules.defaultFhirMeasure(audit, d.code());
        m.spc = d.spc();
        m.granularity = d.granularity();
        return m;
    }

    private static boolean sameMetrics(List<Metric> current, List<Metric> wanted) {
        if (current.size() != wanted.size()) {
            return false;
        }
        for (int i = 0; i < current.size(); i++) {
            Metric a = current.get(i);
            Metric b = wanted.get(i);
            boolean same = a.code.equals(b.code) && a.title.equals(b.title) && a.type == b.type
                    && a.direction.equals(b.direction) && sameNumber(a.target, b.target) && Objects.equals(a.unit, b.unit)
                    && a.fhirMeasure.equals(b.fhirMeasure) && Objects.equals(a.spc, b.spc)
                    && a.granularity.equals(b.granularity);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private void checkMeasuresAreFree(String audit, List<Metric> wanted) {
        Set<String> urls = wanted.stream().map(m -> m.fhirMeasure).collect(Collectors.toSet());
        @SuppressWarnings("unchecked")
        List<Object[]> taken = em.createNativeQuery("select audit_code, code, fhir_measure from audit_metric"
                        + " where audit_code <> :audit and fhir_measure in (:urls)")
                .setParameter("audit", audit)
                .setParameter("urls", urls)
                .getResultList();
        if (!taken.isEmpty()) {
            Object[] first = taken.get(0);
            throw ProblemException.conflict("FHIR Measure " + first[2] + " already names metric " + first[1]
                    + " of audit " + first[0]);
        }
    }

    private void checkMetricsWithResultsKeepTheirType(Audit audit, List<Metric> wanted) {
        List<String> issues = new ArrayList<>();
        for (Metric current : audit.metrics) {
            var replacement = wanted.stream().filter(m -> m.code.equals(current.code)).findFirst();
            if (replacement.isPresent() && replacement.get().type == current.type) {
                continue;
            }
            boolean hasResults = !em.createNativeQuery("select 1 from audit_result where audit = :audit and metric = :metric limit 1")
                    .setParameter("audit", audit.code)
                    .setParameter("metric", current.code)
                    .getResultList().isEmpty();
            if (hasResults) {
                issues.add(replacement.isPresent()
                        ? "metric " + current.code + " has results as a " + current.type.code() + "; its type cannot change"
                        : "metric " + current.code + " has results; it cannot be removed");
            }
        }
        if (!issues.isEmpty()) {
            throw ProblemException.conflict(String.join("; ", issues));
        }
    }

    @Transactional
    public Written<OrganisationDefined> putOrganisation(String code, OrganisationDefinition definition) {
        var errors = CatalogueRules.checkOrganisation(code, definition);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s); the catalogue is unchanged", errors);
        }
        List<String> specialties = definition.specialties() == null ? List.of()
                : definition.specialties().stream().distinct().sorted().toList();
        List<String> members = definition.members() == null ? List.of() : definition.members().stream().sorted().toList();
        List<FieldError> unknown = new ArrayList<>();
        List<String> given = definition.members() == null ? List.of() : definition.members();
        for (int i = 0; i < given.size(); i++) {
            Organisation member = Organisation.findById(given.get(i));
            if (member == null || !Organisation.TRUST.equals(member.type)) {
                unknown.add(new FieldError("/members/" + i, given.get(i) + " is not a trust of the catalogue"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.validation(unknown.size() + " invalid field(s); the catalogue is unchanged", unknown);
        }
        Organisation organisation = Organisation.findById(code, LockModeType.PESSIMISTIC_WRITE);
        boolean created = organisation == null;
        if (!created) {
            if (organisation.name.equals(definition.name()) && organisation.type.equals(definition.type())
                    && organisation.specialties.equals(specialties) && organisation.members.equals(members)) {
                return new Written<>(CatalogueMapper.toEvent(organisation), Change.UNCHANGED);
            }
            if (Organisation.TRUST.equals(organisation.type) && !Organisation.TRUST.equals(definition.type())
                    && !em.createNativeQuery("select 1 from audit_result where organisation = :code limit 1")
                    .setParameter("code", code).getResultList().isEmpty()) {
                throw ProblemException.conflict("trust " + code + " has results; it cannot become a " + definition.type());
            }
            if (!Organisation.TRUST.equals(definition.type()) && !organisation.microsystems.isEmpty()) {
                throw ProblemException.conflict(code + " has microsystems; only a trust has them");
            }
        } else {
            organisation = new Organisation();
            organisation.code = code;
            known.save(code); // its tokens are accepted from now on, here and (once they read it) by the other services
        }
        organisation.name = definition.name();
        organisation.type = definition.type();
        organisation.specialties = new ArrayList<>(specialties);
        organisation.members = new ArrayList<>(members);
        return new Written<>(publish(organisation), created ? Change.CREATED : Change.UPDATED);
    }

    @Transactional
    public Written<OrganisationDefined.Microsystem> putMicrosystem(String organisationCode, String code,
            OrganisationDefinition.MicrosystemDefinition definition) {
        var errors = CatalogueRules.checkMicrosystem(code, definition);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s); the catalogue is unchanged", errors);
        }
        Organisation organisation = Organisation.findById(organisationCode, LockModeType.PESSIMISTIC_WRITE);
        if (organisation == null) {
            throw ProblemException.notFound("No organisation " + organisationCode + "; PUT it first");
        }
        if (!Organisation.TRUST.equals(organisation.type)) {
            throw ProblemException.conflict(organisationCode + " is a " + organisation.type + "; only a trust has microsystems");
        }
        var existing = organisation.microsystem(code);
        if (existing.isPresent() && existing.get().name.equals(definition.name())) {
            return new Written<>(new OrganisationDefined.Microsystem(code, definition.name()), Change.UNCHANGED);
        }
        Microsystem microsystem = existing.orElseGet(() -> {
            Microsystem added = new Microsystem();
            added.code = code;
            organisation.microsystems.add(added);
            return added;
        });
        microsystem.name = definition.name();
        organisation.microsystems.sort(Comparator.comparing(m -> m.code));
        publish(organisation);
        return new Written<>(new OrganisationDefined.Microsystem(code, definition.name()),
                existing.isPresent() ? Change.UPDATED : Change.CREATED);
    }

    private OrganisationDefined publish(Organisation organisation) {
        organisation.version++;
        organisation.updatedAt = Instant.now();
        organisation.persist();
        OrganisationDefined event = CatalogueMapper.toEvent(organisation);
        String key = OrganisationDefined.key(organisation.code);
        outbox.publish(EventType.ORGANISATION_DEFINED, CatalogueMapper.eventId(key, organisation.version), key, key, event);
        return event;
    }

    public AuditDefined audit(String code) {
        return Audit.<Audit>findByIdOptional(code).map(CatalogueMapper::toEvent)
                .orElseThrow(() -> ProblemException.notFound("No audit " + code));
    }

    public Organisation organisation(String code) {
        return Organisation.<Organisation>findByIdOptional(code)
                .orElseThrow(() -> ProblemException.notFound("No organisation " + code));
    }

    /** Every audit, by code. */
    public List<AuditDefined> audits() {
        return Audit.<Audit>listAll(Sort.by("code")).stream().map(CatalogueMapper::toEvent).toList();
    }

    /** The organisations by code, of one type or ({@code null}) all. */
    public List<OrganisationDefined> organisations(String type) {
        List<Organisation> found = type == null ? Organisation.listAll(Sort.by("code"))
                : Organisation.list("type", Sort.by("code"), type);
        return found.stream().map(CatalogueMapper::toEvent).toList();
    }
}
