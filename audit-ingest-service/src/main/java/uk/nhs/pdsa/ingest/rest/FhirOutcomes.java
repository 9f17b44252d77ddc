package uk.nhs.pdsa.ingest.rest;

import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import uk.nhs.pdsa.ingest.service.FhirSubmissionReader;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Refusals as FHIR says them: an {@code OperationOutcome} with one issue per invalid element, each located by a
 * FHIRPath expression ({@code MeasureReport.group[0].population[2].count}, {@code Bundle.entry[1].resource.status}).
 * Pure: tested without Quarkus.
 */
final class FhirOutcomes {
    /** The results' own fields, as the FHIR elements they are read from. */
    private static final Map<String, String> ELEMENTS = Map.of(
            "audit", "measure",
            "metric", "measure",
            "organisation", "reporter",
            "microsystem", "subject",
            "period", "period",
            "numerator", "group[0].population.where(code.coding.code = 'numerator').count",
            "denominator", "group[0].population.where(code.coding.code = 'denominator').count",
            "value", "group[0].measureScore",
            "expected", "group[0].extension('" + FhirSubmissionReader.EXPECTED_EXTENSION + "')");

    private FhirOutcomes() {
    }

    /** The outcome of a refused request: its detail, then each invalid element. */
    static OperationOutcome of(ProblemException e, String root) {
        OperationOutcome outcome = new OperationOutcome();
        IssueType type = type(e.status());
        List<FieldError> errors = e.toProblem("/").errors();
        if (errors == null || errors.isEmpty()) {
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(e.detail());
            return outcome;
        }
        for (FieldError error : errors) {
            var issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(error.detail());
            issue.addExpression(expression(root, error.pointer()));
        }
        return outcome;
    }

    /** An informational outcome, for a Bundle entry that was read but not stored. */
    static OperationOutcome information(String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL).setDiagnostics(text);
        return outcome;
    }

    /**
     * A JSON pointer into a report or Bundle as FHIRPath from {@code root} (MeasureReport or Bundle): array indexes
     * become [i]; a result's own field ({@code /organisation}) becomes the element it is read from
     * ({@code reporter}).
     */
    static String expression(String root, String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
            return root;
        }
        StringBuilder path = new StringBuilder(root);
        String[] parts = pointer.substring(1).split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.matches("[0-9]+")) {
                path.append('[').append(part).append(']');
            } else if (i == parts.length - 1 && ELEMENTS.containsKey(part)) {
                path.append('.').append(ELEMENTS.get(part));
            } else {
                path.append('.').append(part);
            }
        }
        return path.toString();
    }

    /** The issue type of an HTTP status (FHIR's issue-type value set). */
    static IssueType type(int status) {
        return switch (status) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404 -> IssueType.NOTFOUND;
            case 413 -> IssueType.TOOCOSTLY;
            case 415 -> IssueType.NOTSUPPORTED;
            case 429 -> IssueType.THROTTLED;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }
}
