package uk.nhs.pdsa.ingest.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pdsa.runtime.problem.Problem.FieldError;

/**
 * Reads result objects out of a JSON body field by field, so that every wrong type or unknown field
 * is reported with its JSON pointer rather than as one parser exception.
 */
public final class SubmissionReader {
    /** The fields of a result, in the order a CSV header lists them. */
    public static final List<String> FIELD_ORDER = List.of("audit", "metric", "organisation", "microsystem", "period",
            "numerator", "denominator", "value", "expected");
    static final Set<String> FIELDS = Set.copyOf(FIELD_ORDER);

    private SubmissionReader() {
    }

    /**
     * The outcome of reading the item at {@code pointer}: a submission when {@code errors} is empty. An item
     * with errors still takes part in the batch's checks, so one answer lists every problem of every item.
     */
    public record Read(String pointer, ResultSubmission submission, List<FieldError> errors) {
    }

    /** Reads a body that is one result object or an array of them. */
    public static List<Read> readBody(JsonNode body) {
        List<Read> reads = new ArrayList<>();
        if (body.isArray()) {
            for (int i = 0; i < body.size(); i++) {
                reads.add(read(body.get(i), "/" + i));
            }
        } else {
            reads.add(read(body, ""));
        }
        return reads;
    }

    public static Read read(JsonNode item, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        if (!item.isObject()) {
            errors.add(new FieldError(pointer.isEmpty() ? "/" : pointer, "each result must be a JSON object"));
            return new Read(pointer, null, errors);
        }
        item.properties().forEach(field -> {
            if (!FIELDS.contains(field.getKey())) {
                errors.add(new FieldError(pointer + "/" + field.getKey(), "unknown field; allowed: " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS))));
            }
        });
        ResultSubmission submission = new ResultSubmission(
                text(item, "audit", pointer, true, errors),
                text(item, "metric", pointer, true, errors),
                text(item, "organisation", pointer, true, errors),
                text(item, "microsystem", pointer, false, errors),
                text(item, "period", pointer, true, errors),
                count(item, "numerator", pointer, errors),
                count(item, "denominator", pointer, errors),
                number(item, "value", pointer, errors),
                number(item, "expected", pointer, errors));
        return new Read(pointer, errors.isEmpty() ? submission : null, errors);
    }

    private static String text(JsonNode item, String field, String pointer, boolean required, List<FieldError> errors) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(pointer + "/" + field, field + " is required"));
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            errors.add(new FieldError(pointer + "/" + field, field + " must be a non-empty string"));
            return null;
        }
        return node.asText();
    }

    private static Long count(JsonNode item, String field, String pointer, List<FieldError> errors) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(new FieldError(pointer + "/" + field, field + " must be a whole number"));
            return null;
        }
        return node.longValue();
    }

    private static BigDecimal number(JsonNode item, String field, String pointer, List<FieldError> errors) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError(pointer + "/" + field, field + " must be a number"));
            return null;
        }
        return node.decimalValue();
    }
}
