package uk.nhs.pdsa.portal.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a person typed into a form (or what a page fills it with), kept to show again with any errors. */
public final class Form {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public static Form empty() {
        return new Form();
    }

    /** The value of a field, stripped; "" when absent. */
    public String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() || list.get(0) == null ? "" : list.get(0).strip();
    }

    /** Every value of a field sent more than once (checkboxes). */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Whether a checkbox with this value was ticked. */
    public boolean has(String name, String value) {
        return all(name).contains(value);
    }

    public Form set(String name, String value) {
        values.put(name, value == null ? new ArrayList<>() : new ArrayList<>(List.of(value)));
        return this;
    }

    public Form add(String name, String value) {
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }
}
