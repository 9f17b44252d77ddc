package uk.nhs.pdsa.portal.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The errors of a form as the NHS.UK design system shows them: a summary linking to each field, and a message at
 * the field. Read from the API's problem+json: each {@code errors[].pointer} (a JSON pointer into the request, such
 * as {@code /predictions/0/prediction}) becomes the form field that holds that value.
 */
public final class FormErrors {
    /** One error: the field's id and what to do about it. */
    public record Error(String field, String message) {
    }

    private final Map<String, String> byField = new LinkedHashMap<>();
    private String general;

    public static FormErrors none() {
        return new FormErrors();
    }

    /** From a problem+json answer (400 with {@code errors}, or any other status with a {@code detail}). */
    public static FormErrors of(JsonNode problem, String fallbackField) {
        FormErrors errors = new FormErrors();
        for (JsonNode e : problem.path("errors")) {
            errors.add(field(e.path("pointer").asText(""), fallbackField), sentence(e.path("detail").asText("")));
        }
        if (errors.byField.isEmpty()) {
            errors.general = sentence(problem.path("detail").asText("The service did not accept this."));
        }
        return errors;
    }

    public FormErrors add(String field, String message) {
        byField.putIfAbsent(field, message);
        return this;
    }

    public boolean isEmpty() {
        return byField.isEmpty() && general == null;
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.getOrDefault(field, "");
    }

    /** An error that belongs to no one field (a stage out of order, say), or null. */
    public String general() {
        return general;
    }

    public List<Error> list() {
        List<Error> list = new ArrayList<>();
        byField.forEach((field, message) -> list.add(new Error(field, message)));
        return list;
    }

    /**
     * The form field of a JSON pointer: {@code /title} is {@code title}, {@code /predictions/1/question} is
     * {@code question1}, {@code /dataCollection/who} is {@code who}, {@code /owner/name} is {@code ownerName},
     * {@code /team/0/name} is {@code teamName0}; the whole body or an unknown place is {@code fallback}.
     */
    static String field(String pointer, String fallback) {
        String[] parts = pointer.replaceFirst("^/", "").split("/");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return fallback;
        }
        return switch (parts[0]) {
            case "predictions" -> parts.length == 3 ? parts[2] + parts[1] : "question0";
            case "team" -> parts.length == 3 ? "team" + capital(parts[2]) + parts[1] : "teamName0";
            case "owner" -> parts.length == 2 ? "owner" + capital(parts[1]) : "ownerName";
            case "dataCollection" -> parts.length == 2 ? parts[1] : "who";
            case "measures" -> "measure";
            default -> parts[0];
        };
    }

    private static String capital(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A message as a sentence: capital first letter. */
    private static String sentence(String text) {
        return text.isEmpty() ? text : capital(text);
    }
}
