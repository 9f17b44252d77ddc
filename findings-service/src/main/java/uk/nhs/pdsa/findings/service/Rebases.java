package uk.nhs.pdsa.findings.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.SeriesRebase;
import uk.nhs.pdsa.findings.model.RebaseRequest;
import uk.nhs.pdsa.findings.repository.SeriesRepository;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;

/**
 * A team rebases its own microsystem's chart when a change is adopted: from the period the change took effect,
 * the chart has a new centre line and limits, so the new level is what later points are judged against. Who, why
 * and the cycle it follows are kept; undone by the same team. Findings of the series are computed again.
 */
@ApplicationScoped
public class Rebases {
    private final SeriesRepository repository;
    private final Recomputation recomputation;
    private final Caller caller;

    public Rebases(SeriesRepository repository, Recomputation recomputation, Caller caller) {
        this.repository = repository;
        this.recomputation = recomputation;
        this.caller = caller;
    }

    @Transactional
    public SeriesRebase rebase(RebaseRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String[][] required = {{"/audit", request == null ? null : request.audit()},
            {"/metric", request == null ? null : request.metric()},
            {"/organisation", request == null ? null : request.organisation()},
            {"/microsystem", request == null ? null : request.microsystem()},
            {"/period", request == null ? null : request.period()},
            {"/reason", request == null ? null : request.reason()}};
        for (String[] field : required) {
            if (field[1] == null || field[1].isBlank()) {
                errors.add(new FieldError(field[0], field[0].substring(1) + " is required"
                        + ("/microsystem".equals(field[0]) ? " (a team rebases its own microsystem's chart)" : "")));
            } else if (field[1].length() > ("/reason".equals(field[0]) ? 1000 : 64)) {
                errors.add(new FieldError(field[0], "too long"));
            }
        }
        if (errors.isEmpty()) {
            // The form of each code and of the period, before looking the series up.
            errors.addAll(uk.nhs.pdsa.runtime.rest.FilterRules.check().code("audit", request.audit())
                    .code("metric", request.metric()).organisation("organisation", request.organisation())
                    .microsystem("microsystem", request.microsystem()).period("period", request.period()).errors());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The rebase is incomplete", errors);
        }
        if (!caller.actsFor(request.organisation(), Roles.IMPROVEMENT_LEAD)) {
            throw ProblemException.forbidden("A team rebases its own organisation's charts only (" + caller.organisation() + ")");
        }
        SeriesKey key = new SeriesKey(request.audit(), request.metric(), request.organisation(), request.microsystem());
        List<SeriesPoint> points = repository.series(List.of(key)).getOrDefault(key.asText(), List.of());
        if (points.isEmpty()) {
            throw ProblemException.notFound("No series " + key.asText());
        }
        List<String> periods = points.stream().map(SeriesPoint::period).toList();
        int at = periods.indexOf(request.period());
        if (at <= 0) {
            throw ProblemException.validation("Not a later period of the series", List.of(new FieldError("/period",
                    at == 0 ? "the chart already starts at " + request.period() + ": rebase at a later period"
                            : request.period() + " is not a period of the series (" + periods.get(0) + " to "
                                    + periods.get(periods.size() - 1) + ")")));
        }
        if (SeriesRebase.activeAt(key, request.period())) {
            throw ProblemException.conflict("The chart is already rebased at " + request.period());
        }
        SeriesRebase r = new SeriesRebase();
        r.id = UUID.randomUUID();
        r.audit = key.audit();
        r.metric = key.metric();
        r.organisation = key.organisation();
        r.microsystem = key.microsystem();
        r.period = request.period();
        r.reason = request.reason().strip();
        r.cycleId = request.cycleId();
        r.createdBy = caller.actor();
        r.createdAt = Instant.now();
        r.persist();
        recomputation.seriesChanged(r.audit, r.metric, r.organisation, r.microsystem);
        return r;
    }

    /** A microsystem chart's rebases, undone ones too; none for another organisation's chart. */
    @Transactional
    public List<SeriesRebase> of(String audit, String metric, String organisation, String microsystem) {
        if (audit == null || metric == null || microsystem == null || caller.asksForAnother(organisation)) {
            return List.of();
        }
        return SeriesRebase.of(new SeriesKey(audit, metric, caller.organisation(), microsystem));
    }

    /** Undoes a rebase of the caller's organisation (kept, with who undid it and when); undoing twice changes nothing. */
    @Transactional
    public void undo(UUID id) {
        SeriesRebase r = SeriesRebase.<SeriesRebase>findByIdOptional(id)
                .filter(x -> caller.actsFor(x.organisation, Roles.IMPROVEMENT_LEAD))
                .orElseThrow(() -> ProblemException.notFound("No rebase " + id));
        if (r.removedAt == null) {
            r.removedAt = Instant.now();
            r.removedBy = caller.actor();
            recomputation.seriesChanged(r.audit, r.metric, r.organisation, r.microsystem);
        }
    }
}
