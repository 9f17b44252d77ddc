package uk.nhs.pdsa.runtime.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * Lists and tables as RFC 4180 CSV for a spreadsheet: UTF-8, a header row, CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break. The columns are the JSON fields of the row type (nested objects dotted,
 * {@code limits.alarmLow}), so the CSV says what the JSON says; a list of values is one cell joined by "; ", a list of
 * objects one cell of JSON. A text cell that a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage
 * return, and not a number) is prefixed with an apostrophe (OWASP's advice on CSV injection).
 */
@Provider
@Produces(CsvWriter.TEXT_CSV)
public class CsvWriter implements MessageBodyWriter<Object> {
    public static final String TEXT_CSV = "text/csv";
    /** The media type answers carry: RFC 4180's, with the charset and the header row (RFC 4180 section 3). */
    public static final String TEXT_CSV_UTF8 = "text/csv; charset=UTF-8; header=present";
    private static final int MAX_DEPTH = 3;

    @Inject
    ObjectMapper json;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return mediaType.isCompatible(MediaType.valueOf(TEXT_CSV))
                && (PageView.class.isAssignableFrom(type) || List.class.isAssignableFrom(type)
                        || CsvTable.class.isAssignableFrom(type));
    }

    @Override
    public void writeTo(Object entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        List<?> rows;
        Type rowType;
        if (entity instanceof CsvTable table) {
            rows = table.csvRows();
            rowType = table.csvRowType();
        } else if (entity instanceof PageView<?> page) {
            rows = page.items();
            rowType = typeArgument(genericType);
        } else {
            rows = (List<?>) entity;
            rowType = typeArgument(genericType);
        }
        headers.putSingle("Content-Type", TEXT_CSV_UTF8);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(csv(rows, rowType));
        writer.flush();
    }

    /** The CSV text of {@code rows}, whose columns come from {@code rowType} (or from the first row when unknown). */
    public String csv(List<?> rows, Type rowType) {
        List<String> columns = new ArrayList<>();
        if (rowType != null && rowType != Object.class) {
            columns(json.constructType(rowType), "", 0, columns);
        } else if (!rows.isEmpty()) {
            columns(json.constructType(rows.get(0).getClass()), "", 0, columns);
        }
        StringBuilder text = new StringBuilder();
        line(text, columns);
        for (Object row : rows) {
            JsonNode node = json.valueToTree(row);
            List<String> cells = new ArrayList<>(columns.size());
            for (String column : columns) {
                cells.add(cell(node.at("/" + column.replace(".", "/"))));
            }
            line(text, cells);
        }
        return text.toString();
    }

    private void columns(JavaType type, String prefix, int depth, List<String> columns) {
        for (BeanPropertyDefinition property : json.getSerializationConfig().introspect(type).findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            JavaType propertyType = property.getPrimaryType();
            String name = prefix + property.getName();
            if (depth < MAX_DEPTH && isNested(propertyType)) {
                columns(propertyType, name + ".", depth + 1, columns);
            } else {
                columns.add(name);
            }
        }
    }

    private static boolean isNested(JavaType type) {
        Class<?> raw = type.getRawClass();
        return !(raw.isPrimitive() || raw.isEnum() || raw.isArray() || Number.class.isAssignableFrom(raw)
                || CharSequence.class.isAssignableFrom(raw) || Boolean.class == raw || Character.class == raw
                || Temporal.class.isAssignableFrom(raw) || UUID.class == raw || Collection.class.isAssignableFrom(raw)
                || Map.class.isAssignableFrom(raw) || JsonNode.class.isAssignableFrom(raw) || raw == Object.class
                || raw.getName().startsWith("java."));
    }

    private static Type typeArgument(Type genericType) {
        return genericType instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                ? p.getActualTypeArguments()[0] : null;
    }

    private String cell(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray() && allScalar(value)) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            return guarded(String.join("; ", parts));
        }
        if (value.isContainerNode()) {
            return guarded(value.toString());
        }
        return value.isNumber() || value.isBoolean() ? value.asText() : guarded(value.asText());
    }

    private static boolean allScalar(JsonNode array) {
        for (JsonNode v : array) {
            if (v.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    /** Text that would start a formula in a spreadsheet gets an apostrophe first; numbers stay numbers. */
    static String guarded(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
            return "'" + text;
        }
        return text;
    }

    private static void line(StringBuilder text, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                text.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                text.append(cell);
            }
        }
        text.append("\r\n");
    }

    @Override
    public long getSize(Object entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return -1;
    }
}
