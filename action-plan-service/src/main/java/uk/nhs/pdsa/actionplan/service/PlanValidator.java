package uk.nhs.pdsa.actionplan.service;

import java.util.ArrayList;
import java.util.List;

import uk.nhs.pdsa.actionplan.worksheet.ActRecord;
import uk.nhs.pdsa.actionplan.worksheet.DoRecord;
import uk.nhs.pdsa.actionplan.worksheet.Plan;
import uk.nhs.pdsa.events.PdsaCycleState.Measure;
import uk.nhs.pdsa.events.PdsaCycleState.Person;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/** Checks worksheet entries field by field and lists every problem with its JSON pointer. */
final class PlanValidator {
    private final List<FieldError> errors = new ArrayList<>();

    static void plan(Plan p) {
        PlanValidator v = new PlanValidator();
        if (p == null) {
            v.errors.add(new FieldError("", "a plan is required"));
            v.fail();
        }
        if (p.needId() == null && p.follows() == null) {
            // A cycle answers a need (a concern, or an outlier case): what it is for, and who oversees it, come from it.
            v.errors.add(new FieldError("/needId", "the improvement need this cycle answers is required (or, for the next"
                    + " cycle of a ramp, follows: the cycle it follows)"));
        }
        v.text("/title", p.title(), 200);
        v.text("/objective", p.objective(), 2000);
        v.text("/changeIdea", p.changeIdea(), 2000);
        if (p.predictions() == null || p.predictions().isEmpty()) {
            v.errors.add(new FieldError("/predictions", "at least one question with its prediction (what do we expect to happen, measurably)"));
        } else {
            for (int i = 0; i < p.predictions().size(); i++) {
                Plan.Prediction q = p.predictions().get(i);
                v.text("/predictions/" + i + "/question", q == null ? null : q.question(), 1000);
                v.text("/predictions/" + i + "/prediction", q == null ? null : q.prediction(), 1000);
            }
        }
        if (p.measures() == null || p.measures().isEmpty()) {
            v.errors.add(new FieldError("/measures", "at least one measure (audit, metric, organisation, optional microsystem)"));
        } else {
            for (int i = 0; i < p.measures().size(); i++) {
                Measure m = p.measures().get(i);
                v.text("/measures/" + i + "/audit", m == null ? null : m.audit(), 64);
                v.text("/measures/" + i + "/metric", m == null ? null : m.metric(), 64);
                v.text("/measures/" + i + "/organisation", m == null ? null : m.organisation(), 10);
                if (m != null) {
                    String at = "/measures/" + i + "/";
                    var form = uk.nhs.pdsa.runtime.rest.FilterRules.check().code("audit", m.audit())
                            .code("metric", m.metric()).organisation("organisation", m.organisation())
                            .microsystem("microsystem", m.microsystem());
                    form.errors().forEach(e -> v.errors.add(new FieldError(at + e.pointer().substring(1), e.detail())));
                }
            }
        }
        Plan.DataCollection d = p.dataCollection();
        v.text("/dataCollection/who", d == null ? null : d.who(), 500);
        v.text("/dataCollection/what", d == null ? null : d.what(), 1000);
        v.text("/dataCollection/when", d == null ? null : d.when(), 500);
        v.text("/dataCollection/where", d == null ? null : d.where(), 500);
        v.person("/owner", p.owner());
        if (p.team() != null) {
            for (int i = 0; i < p.team().size(); i++) {
                v.person("/team/" + i, p.team().get(i));
            }
        }
        if (p.plannedStart() == null) {
            v.errors.add(new FieldError("/plannedStart", "the planned start date is required (yyyy-mm-dd)"));
        }
        if (p.plannedEnd() == null) {
            v.errors.add(new FieldError("/plannedEnd", "the planned end date is required (yyyy-mm-dd)"));
        } else if (p.plannedStart() != null && p.plannedEnd().isBefore(p.plannedStart())) {
            v.errors.add(new FieldError("/plannedEnd", "the planned end (" + p.plannedEnd() + ") is before the planned start ("
                    + p.plannedStart() + ")"));
        }
        v.fail();
    }

    static void doRecord(DoRecord d) {
        PlanValidator v = new PlanValidator();
        if (d == null || d.changeDate() == null) {
            v.errors.add(new FieldError("/changeDate", "the date the change was actually made is required (yyyy-mm-dd)"));
        }
        v.text("/whatWasDone", d == null ? null : d.whatWasDone(), 4000);
        v.fail();
    }

    static void act(ActRecord a) {
        PlanValidator v = new PlanValidator();
        String decision = a == null ? null : a.decision();
        if (!ActRecord.ADOPT.equals(decision) && !ActRecord.ADAPT.equals(decision) && !ActRecord.ABANDON.equals(decision)) {
            v.errors.add(new FieldError("/decision", "decision must be adopt, adapt or abandon"));
        }
        v.text("/rationale", a == null ? null : a.rationale(), 4000);
        if (a != null) {
            v.score("/teamScore", a.teamScore(), false);
        }
        v.fail();
    }

    static void score(Double score) {
        PlanValidator v = new PlanValidator();
        v.score("/score", score, true);
        v.fail();
    }

    static void requirePerson(String pointer, Person p) {
        PlanValidator v = new PlanValidator();
        v.person(pointer, p);
        v.fail();
    }

    /** A whole team: a list (empty for nobody), each member with a name and, if given, a valid email address. */
    static void requireTeam(List<Person> team) {
        PlanValidator v = new PlanValidator();
        if (team == null) {
            v.errors.add(new FieldError("/team", "the team is required: a list of people (empty for nobody besides the owner)"));
        } else if (team.size() > 50) {
            v.errors.add(new FieldError("/team", "at most 50 people (" + team.size() + " given)"));
        } else {
            for (int i = 0; i < team.size(); i++) {
                v.person("/team/" + i, team.get(i));
            }
        }
        v.fail();
    }

    static void requireText(String pointer, String value, int max) {
        PlanValidator v = new PlanValidator();
        v.text(pointer, value, max);
        v.fail();
    }

    private void score(String pointer, Double score, boolean required) {
        if (score == null) {
            if (required) {
                errors.add(new FieldError(pointer, "a score on the IHI scale 0.5-5.0 in steps of 0.5 is required"));
            }
        } else if (score < 0.5 || score > 5.0 || Math.rint(score * 2) != score * 2) {
            errors.add(new FieldError(pointer, "score " + score + " is not on the IHI scale: 0.5 to 5.0 in steps of 0.5"));
        }
    }

    private void person(String pointer, Person p) {
        text(pointer + "/name", p == null ? null : p.name(), 200);
        if (p != null && p.email() != null && !p.email().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            errors.add(new FieldError(pointer + "/email", "'" + p.email() + "' is not an email address"));
        }
    }

    private void text(String pointer, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(pointer, pointer.substring(pointer.lastIndexOf('/') + 1) + " is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(pointer, "at most " + max + " characters (" + value.length() + " given)"));
        }
    }

    private void fail() {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s); nothing was changed", errors);
        }
    }
}
