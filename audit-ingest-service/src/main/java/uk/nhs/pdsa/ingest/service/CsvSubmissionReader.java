package uk.nhs.pdsa.ingest.service;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Reads {@code text/csv} (RFC 4180) submissions: a header row naming the result fields (any order;
 * {@code microsystem}, {@code numerator}, {@code denominator}, {@code value} and {@code expected} may be left out), then one
 * result per row; an empty cell is an absent field. Item {@code i} is the i-th data row (pointer
 * {@code /i/field}); messages also give the line number.
 */
public final class CsvSubmissionReader {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    private static final List<String> REQUIRED_COLUMNS = List.of("audit", "metric", "organisation", "period");

    private CsvSubmissionReader() {
    }

    public static List<SubmissionReader.Read> read(String text) {
        List<SubmissionReader.Read> reads = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
            Map<String, Integer> header = parser.getHeaderMap();
            checkHeader(header);
            for (CSVRecord record : parser) {
                reads.add(read(record, header.size(), "/" + reads.size()));
            }
        } catch (UncheckedIOException | IOException | IllegalStateException | IllegalArgumentException e) {
            // The parser's own words name its internals; say where it stopped and what to check instead.
            throw ProblemException.malformed("the body is not valid CSV after " + reads.size() + " result row(s):"
                    + " check the quoting and that each row has the header's fields", List.of());
        }
        if (reads.isEmpty()) {
            throw ProblemException.validation("the CSV has a header but no result rows",
                    List.of(new FieldError("/", "the CSV has no result rows")));
        }
        return reads;
    }

    private static void checkHeader(Map<String, Integer> header) {
        List<FieldError> errors = new ArrayList<>();
        if (header == null || header.isEmpty()) {
            throw ProblemException.validation("the CSV needs a header row naming its columns",
                    List.of(new FieldError("/header", "missing")));
        }
        for (String column : header.keySet()) {
            if (!SubmissionReader.FIELDS.contains(column)) {
                errors.add(new FieldError("/header/" + column, "unknown column; allowed: "
                        + String.join(", ", new TreeSet<>(SubmissionReader.FIELDS))));
            }
        }
        for (String required : REQUIRED_COLUMNS) {
            if (!header.containsKey(required)) {
                errors.add(new FieldError("/header/" + required, "column " + required + " is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " problem(s) with the CSV header; nothing was stored", errors);
        }
    }

    private static SubmissionReader.Read read(CSVRecord record, int columns, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        if (record.size() != columns) {
            errors.add(new FieldError(pointer, "line " + (record.getRecordNumber() + 1) + " has " + record.size()
                    + " fields; the header has " + columns));
            return new SubmissionReader.Read(pointer, null, errors);
        }
        // Record numbers count data rows from 1; the header is line 1 of the file.
        String line = "line " + (record.getRecordNumber() + 1);
        ResultSubmission submission = new ResultSubmission(
                text(record, "audit", pointer, line, true, errors),
                text(record, "metric", pointer, line, true, errors),
                text(record, "organisation", pointer, line, true, errors),
                text(record, "microsystem", pointer, line, false, errors),
                text(record, "period", pointer, line, true, errors),
                parsed(record, "numerator", pointer, line, Long::valueOf, "a whole number", errors),
                parsed(record, "denominator", pointer, line, Long::valueOf, "a whole number", errors),
                parsed(record, "value", pointer, line, BigDecimal::new, "a number", errors),
                parsed(record, "expected", pointer, line, BigDecimal::new, "a number", errors));
        return new SubmissionReader.Read(pointer, errors.isEmpty() ? submission : null, errors);
    }

    private static String cell(CSVRecord record, String column) {
        if (!record.isMapped(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String text(CSVRecord record, String column, String pointer, String line, boolean required,
            List<FieldError> errors) {
        String value = cell(record, column);
        if (value == null && required) {
            errors.add(new FieldError(pointer + "/" + column, column + " is required (" + line + ")"));
        }
        return value;
    }

    /** The cell read by {@code parse}, null when empty; a cell that does not parse is an error naming {@code what}. */
    private static <T> T parsed(CSVRecord record, String column, String pointer, String line,
            Function<String, T> parse, String what, List<FieldError> errors) {
        String value = cell(record, column);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(pointer + "/" + column, column + " must be " + what + ", not '" + value + "' (" + line + ")"));
            return null;
        }
    }
}
