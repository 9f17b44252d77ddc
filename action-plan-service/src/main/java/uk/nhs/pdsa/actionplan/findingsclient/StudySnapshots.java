package uk.nhs.pdsa.actionplan.findingsclient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import uk.nhs.pdsa.actionplan.pdsa.MeasureEvidence;
import uk.nhs.pdsa.actionplan.pdsa.StudyEvidence;
import uk.nhs.pdsa.events.PdsaCycleState.Measure;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Takes the evidence snapshot of a Study: each linked series as findings charts it now, split at the date
 * the change was made. findings being unreachable, slow or failing is a 503 problem (nothing is recorded;
 * try again), a series findings does not know is recorded as unavailable.
 */
@ApplicationScoped
public class StudySnapshots {
    private static final Logger LOG = Logger.getLogger(StudySnapshots.class);

    private final FindingsClient findings;

    public StudySnapshots(@RestClient FindingsClient findings) {
        this.findings = findings;
    }

    public List<MeasureEvidence> take(List<Measure> measures, LocalDate changeDate) {
        List<MeasureEvidence> evidence = new ArrayList<>();
        for (Measure m : measures) {
            evidence.add(of(m, changeDate));
        }
        return evidence;
    }

    private MeasureEvidence of(Measure m, LocalDate changeDate) {
        FindingsClient.Chart chart;
        try {
            chart = findings.spc(m.audit(), m.metric(), m.organisation(), m.microsystem());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                return MeasureEvidence.unavailable(m, changeDate, "findings holds no results for this series");
            }
            throw unavailable("answered " + status, e);
        } catch (RuntimeException e) { // connection refused, timeout, unreadable answer
            LOG.warnf("findings-service call failed: %s: %s", e.getClass().getSimpleName(), e.getMessage());
            throw unavailable("it could not be reached, or its answer could not be read", e);
        }
        List<StudyEvidence.ChartedPoint> points = chart.points() == null ? List.of() : chart.points().stream()
                .map(p -> new StudyEvidence.ChartedPoint(p.label(), p.value(), p.pointType(), p.signals())).toList();
        return StudyEvidence.of(m, chart.chart(), chart.direction(), changeDate, points);
    }

    private static ProblemException unavailable(String why, Exception e) {
        LOG.warnf("findings-service unavailable for a Study snapshot: %s", why);
        return new ProblemException(503, "findings-unavailable", "findings-service is unavailable",
                "The Study needs the linked series from findings-service, which did not answer in time or failed ("
                        + why + "). Nothing was recorded; try again shortly.", List.of());
    }
}
