package uk.nhs.pdsa.findings.rest;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.model.FunnelChart;
import uk.nhs.pdsa.findings.model.SpcChart;
import uk.nhs.pdsa.findings.service.SeriesCharts;
import uk.nhs.pdsa.findings.model.FunnelChart.Unit;
import uk.nhs.pdsa.findings.repository.ReadScopeRepository;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.QueryFilter;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;

/**
 * What the caller may read here: a trust's viewers and improvement leads their own organisation's series,
 * charts and findings; a college those of every organisation for the audits of the specialties it covers
 * (from the catalogue); national oversight every organisation's, every funnel named; the chart reader
 * (notification-service, drawing charts into messages) every stored chart.
 * Anything else is answered as not found. In a funnel plot, a trust sees its own
 * point named and the other trusts' points anonymised.
 */
@RequestScoped
public class FindingsAccess {
    static final String[] READERS = { Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.NATIONAL };
    private static final String[] TRUST_READERS = { Roles.VIEWER, Roles.IMPROVEMENT_LEAD };

    private final Caller caller;
    private final ReadScopeRepository scopes;
    private List<String> collegeAudits;

    public FindingsAccess(Caller caller, ReadScopeRepository scopes) {
        this.caller = caller;
        this.scopes = scopes;
    }

    /** True when the caller reads as a trust (its own organisation only). */
    boolean readsAsTrust() {
        return caller.hasAny(TRUST_READERS);
    }

    /** The caller's organisation when it reads as a trust (its point is ringed on a funnel), else null. */
    String ownOrganisation() {
        return readsAsTrust() ? caller.organisation() : null;
    }

    /** The audits of the specialties the caller's college covers (none for anyone else). */
    List<String> collegeAudits() {
        if (collegeAudits == null) {
            collegeAudits = caller.has(Roles.COLLEGE) ? scopes.auditsOfCollege(caller.organisation()) : List.of();
        }
        return collegeAudits;
    }

    boolean mayRead(String organisation, String audit) {
        return caller.actsFor(organisation, TRUST_READERS) || collegeAudits().contains(audit) || national();
    }

    /** National oversight reading as such (not also as a trust): every organisation's, read-only. */
    private boolean national() {
        return caller.has(Roles.NATIONAL) && !readsAsTrust();
    }

    /** 404 with {@code detail} unless the caller may read this organisation's data of this audit. */
    void requireRead(String organisation, String audit, String detail) {
        if (!mayRead(organisation, audit)) {
            throw ProblemException.notFound(detail);
        }
    }

    /**
     * The audits whose series of {@code organisation} the caller may list: every audit (null) of its own trust,
     * none of another trust's, a college's audits of anyone's.
     */
    List<String> listableAudits(String organisation) {
        if (readsAsTrust()) {
            return caller.organisation().equals(organisation) ? null : List.of();
        }
        return national() ? null : collegeAudits();
    }

    /** A stored chart the caller may read (else 404, as for a series that does not exist). */
    SpcChart readableSpc(SeriesCharts charts, String audit, String metric, String organisation, String microsystem) {
        if (audit != null && organisation != null && !caller.has(Roles.CHART_READER)) {
            requireRead(organisation, audit, "No series " + new SeriesKey(audit, metric, organisation, microsystem).asText());
        }
        return charts.spc(audit, metric, organisation, microsystem);
    }

    /** Restricts a list to what the caller may read. */
    QueryFilter scope(QueryFilter filter) {
        if (national()) {
            return filter;
        }
        return readsAsTrust() ? filter.equal("organisation", caller.organisation()) : filter.in("audit", collegeAudits());
    }

    /**
     * A funnel plot for the caller: a college covering the audit sees every trust; a trust sees the funnel
     * only if it is in it, with the other trusts' points anonymised ({@code peer-1}, {@code peer-2}, ...).
     */
    FunnelChart funnel(FunnelChart funnel, String audit, String detail) {
        if (collegeAudits().contains(audit) || national()) {
            return funnel;
        }
        String own = caller.organisation();
        if (!readsAsTrust() || funnel.units().stream().noneMatch(u -> u.id().equals(own))) {
            throw ProblemException.notFound(detail);
        }
        int[] peer = { 0 };
        List<Unit> units = funnel.units().stream().map(u -> u.id().equals(own) ? u
                : new Unit("peer-" + ++peer[0], u.numerator(), u.denominator(), u.expected(), u.value(), u.z(), u.limits(),
                        u.classification())).toList();
        return new FunnelChart(funnel.title(), funnel.metricTitle(), funnel.type(), funnel.target(), funnel.overdispersion(), units,
                funnel.curve());
    }
}
