package uk.nhs.pdsa.runtime.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import uk.nhs.pdsa.runtime.problem.Problem;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;

/**
 * A body that JSON reading refused, in the caller's words: what is wrong and where (a JSON pointer, or the line and
 * column), never the parser's own message (which names classes and libraries).
 */
public final class JsonProblems {
    private JsonProblems() {
    }

    public static Problem of(JsonProcessingException e, String instance) {
        String pointer = e instanceof JsonMappingException mapping ? pointer(mapping) : "";
        String detail = detail(e, pointer);
        return new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON body", 400, detail, instance,
                pointer.isEmpty() ? List.of() : List.of(new FieldError(pointer, detail)));
    }

    /** What is wrong with a body a service parses itself, in the caller's words (its pointer included). */
    public static String detail(JsonProcessingException e) {
        String pointer = e instanceof JsonMappingException mapping ? pointer(mapping) : "";
        return detail(e, pointer);
    }

    static String detail(JsonProcessingException e, String pointer) {
        String where = pointer.isEmpty() ? "the body" : pointer;
        String original = e.getOriginalMessage();
        if (original != null && original.contains("Trailing token")) {
            return "the body holds more than one JSON value" + at(e.getLocation());
        }
        if (e instanceof StrictJson.RefusedValue refused) {
            return where + " " + refused.reason();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return where + " is not a field of this request (unknown field '" + unknown.getPropertyName() + "')";
        }
        if (e instanceof InvalidFormatException invalid) {
            return where + " must be " + describe(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (mismatch.getTargetType() == null || isEndOfInput(mismatch)) {
                return "the body is empty or ends too early; send a JSON value";
            }
            return where + " must be " + describe(mismatch.getTargetType());
        }
        if (e instanceof StreamConstraintsException) {
            return "the body nests deeper than " + StrictJson.MAX_DEPTH + " levels or holds a value too long to read";
        }
        if (e instanceof InputCoercionException) {
            return "a number is out of range for its field" + at(e.getLocation());
        }
        if (e instanceof JsonParseException && original != null && original.startsWith("Duplicate field '")) {
            int end = original.indexOf('\'', 17);
            return "the field '" + (end > 17 ? original.substring(17, end) : "?") + "' is given twice" + at(e.getLocation());
        }
        if (original != null && original.contains("out of range")) {
            return where + " is a number out of range for this field";
        }
        if (e instanceof JsonMappingException) {
            return where + " cannot be read for this request";
        }
        return "the body is not valid JSON" + at(e.getLocation());
    }

    private static boolean isEndOfInput(MismatchedInputException e) {
        String original = e.getOriginalMessage();
        return original != null && original.startsWith("No content to map");
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** A Java type in JSON's words. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID (8-4-4-4-12 hexadecimal digits)";
        }
        if (type == LocalDate.class) {
            return "a date, YYYY-MM-DD, that exists in the calendar";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date and time in ISO 8601 form";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).toList());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "a JSON object";
        }
        return "a value of another type";
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            String name = ref.getFieldName();
            pointer.append('/').append(name != null ? name.replace("~", "~0").replace("/", "~1") : String.valueOf(ref.getIndex()));
        }
        return pointer.toString();
    }
}
