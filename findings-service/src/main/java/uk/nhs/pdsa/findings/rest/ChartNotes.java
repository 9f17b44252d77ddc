package uk.nhs.pdsa.findings.rest;

import java.util.ArrayList;
import java.util.List;

import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.findings.chart.SvgChart;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/** The {@code note} query parameters of a chart picture: {@code period:text}, a few, short, plain text. */
final class ChartNotes {
    static final int MOST = 12;
    static final int LONGEST = 80;

    private ChartNotes() {
    }

    /** @throws ProblemException 400 naming each note that is not {@code period:text} */
    static List<SvgChart.Note> parse(List<String> notes) {
        if (notes == null || notes.isEmpty()) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        if (notes.size() > MOST) {
            errors.add(new FieldError("/note", "at most " + MOST + " notes, not " + notes.size()));
        }
        List<SvgChart.Note> parsed = new ArrayList<>();
        for (int i = 0; i < notes.size() && errors.isEmpty(); i++) {
            String note = notes.get(i);
            int colon = note.indexOf(':');
            String text = colon < 0 ? "" : note.substring(colon + 1).strip();
            if (colon < 1 || !period(note.substring(0, colon))) {
                errors.add(new FieldError("/note/" + i, "a note is period:text, such as 2025-11:Theatre slot held"));
            } else if (text.isEmpty() || text.length() > LONGEST || text.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("/note/" + i, "a note's text is 1 to " + LONGEST + " characters of plain text"));
            } else {
                parsed.add(new SvgChart.Note(note.substring(0, colon), text));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("Notes to mark on the chart are period:text", errors);
        }
        return parsed;
    }

    private static boolean period(String text) {
        try {
            Period.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
