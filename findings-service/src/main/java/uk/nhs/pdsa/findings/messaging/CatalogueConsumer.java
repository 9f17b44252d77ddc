package uk.nhs.pdsa.findings.messaging;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import java.util.List;
import uk.nhs.pdsa.findings.AuditOutlierPolicy;
import uk.nhs.pdsa.findings.MetricSettings;
import uk.nhs.pdsa.findings.repository.PlaceNames;
import uk.nhs.pdsa.findings.repository.ReadScopeRepository;
import uk.nhs.pdsa.findings.service.Recomputation;
import uk.nhs.pdsa.runtime.inbox.EventInbox;
import uk.nhs.pdsa.runtime.security.CommissionerScopes;
import uk.nhs.pdsa.runtime.security.KnownOrganisations;

/**
 * Keeps each metric's chart settings from the compacted catalogue topic (read from its beginning by a new
 * group), with each audit's specialty and each college's specialties (who may read which findings) and the names
 * of organisations and microsystems (chart titles). An older version
 * of an audit than the one held changes nothing. A change of chart, rules, direction or target marks every
 * series and funnel of the metric for recomputation, so findings follow the new settings.
 */
@ApplicationScoped
public class CatalogueConsumer {
    public static final String CHANNEL = "catalogue";
    /** v2 with the group {@code findings-service.catalogue.v2}: the catalogue read again once for place names. */
    static final String CONSUMER = "findings.catalogue.v2";

    private final EventInbox inbox;
    private final Recomputation recomputation;
    private final ReadScopeRepository scopes;
    private final PlaceNames places;
    private final CommissionerScopes commissioners;
    private final KnownOrganisations known;

    public CatalogueConsumer(EventInbox inbox, Recomputation recomputation, ReadScopeRepository scopes, PlaceNames places,
            CommissionerScopes commissioners, KnownOrganisations known) {
        this.inbox = inbox;
        this.recomputation = recomputation;
        this.scopes = scopes;
        this.places = places;
        this.commissioners = commissioners;
        this.known = known;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        var type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type != null && EventType.ORGANISATION_DEFINED.ceType().equals(new String(type.value(), StandardCharsets.UTF_8))) {
            inbox.<OrganisationDefined>handle(CONSUMER, record, EventType.ORGANISATION_DEFINED, this::applyOrganisation);
            return;
        }
        inbox.<AuditDefined>handle(CONSUMER, record, EventType.AUDIT_DEFINED, this::apply);
    }

    /**
     * A college's specialties decide which audits' findings it reads, a commissioner's members whose outlier cases it
     * reads (other organisations: none).
     */
    void applyOrganisation(OrganisationDefined organisation) {
        List<String> specialties = "college".equals(organisation.type()) && organisation.specialties() != null
                ? organisation.specialties() : List.of();
        scopes.saveCollegeSpecialties(organisation.code(), specialties, organisation.version());
        commissioners.save(organisation.code(), "commissioner".equals(organisation.type())
                ? organisation.members() : List.of(), organisation.version());
        places.save(organisation);
        known.save(organisation.code());
    }

    /** Keeps each metric's settings; when they change what a chart shows, its series and funnels are recomputed. */
    void apply(AuditDefined audit) {
        scopes.saveAuditSpecialty(audit.code(), audit.specialty(), audit.version());
        List<String> policyMetricsChanged = savePolicy(audit);
        for (AuditDefined.Metric m : audit.metrics()) {
            MetricSettings settings = MetricSettings.<MetricSettings>findByIdOptional(
                    new MetricSettings.Key(audit.code(), m.code())).orElseGet(() -> {
                        MetricSettings created = new MetricSettings();
                        created.audit = audit.code();
                        created.metric = m.code();
                        return created;
                    });
            if (settings.auditVersion > audit.version()) {
                continue;
            }
            boolean changed = m.type() != settings.metricType || !m.direction().equals(settings.direction)
                    || !Objects.equals(m.spc(), settings.spc) || !sameNumber(m.target(), settings.target);
            settings.metricType = m.type();
            settings.direction = m.direction();
            settings.target = m.target();
            settings.spc = m.spc();
            settings.auditTitle = audit.title();
            settings.metricTitle = m.title();
            settings.auditVersion = audit.version();
            settings.updatedAt = Instant.now();
            settings.persist();
            if (changed || policyMetricsChanged.contains(m.code())) {
                recomputation.metricChanged(audit.code(), m.code());
            }
        }
    }

    /**
     * Keeps the audit's outlier policy; returns the metrics that entered or left it (their live monthly funnels
     * start or stop raising outliers, so they are recomputed).
     */
    private static List<String> savePolicy(AuditDefined audit) {
        AuditOutlierPolicy held = AuditOutlierPolicy.findById(audit.code());
        if (held != null && held.auditVersion > audit.version()) {
            return List.of();
        }
        java.util.Set<String> before = held == null || held.policy == null || held.policy.metrics() == null
                ? java.util.Set.of() : java.util.Set.copyOf(held.policy.metrics());
        java.util.Set<String> after = audit.outliers() == null || audit.outliers().metrics() == null
                ? java.util.Set.of() : java.util.Set.copyOf(audit.outliers().metrics());
        AuditOutlierPolicy kept = held != null ? held : new AuditOutlierPolicy();
        kept.audit = audit.code();
        kept.policy = audit.outliers();
        kept.auditVersion = audit.version();
        kept.updatedAt = Instant.now();
        kept.persist();
        java.util.Set<String> changed = new java.util.HashSet<>(before);
        changed.addAll(after);
        changed.removeIf(m -> before.contains(m) && after.contains(m));
        return List.copyOf(changed);
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
