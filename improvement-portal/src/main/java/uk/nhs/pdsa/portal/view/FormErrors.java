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
            String field = field(e.path("pointer").asText(""), fallbackField);
            errors.add(field, words(field, e.path("detail").asText("")));
        }
        if (errors.byField.isEmpty()) {
            errors.general = sentence(problem.path("detail").asText("The service did not accept this."));
        }
        return errors;
    }

    /** The problem+json a service refused a form's request with (a plain one when its body cannot be read). */
    public static JsonNode problem(jakarta.ws.rs.WebApplicationException refused) {
        try {
            JsonNode problem = refused.getResponse().readEntity(JsonNode.class);
            if (problem != null) {
                return problem;
            }
        } catch (RuntimeException unreadable) {
            // fall through to the plain answer
        }
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("detail", "The service did not accept this.");
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

    /** What the person must enter, in the NHS.UK style ("Enter the objective"), for a required field; else the API's words. */
    static String words(String field, String detail) {
        if (!detail.matches("\\S+ is required.*") && !detail.startsWith("at least one")) {
            return sentence(detail);
        }
        String what = switch (field.replaceAll("\\d+$", "")) {
            case "title" -> "Enter a title for the cycle";
            case "objective" -> "Enter the objective";
            case "changeIdea" -> "Enter the change idea";
            case "question", "prediction" -> "Enter at least one question with its prediction";
            case "measure" -> "Choose at least one measure";
            case "who" -> "Enter who collects the data";
            case "what" -> "Enter what is collected";
            case "when" -> "Enter when it is collected";
            case "where" -> "Enter where the data come from";
            case "ownerName" -> "Enter the owner's name";
            case "ownerEmail" -> "Enter the owner's email address";
            case "teamName" -> "Enter the team member's name";
            case "plannedStart" -> "Enter the planned start date";
            case "plannedEnd" -> "Enter the planned end date";
            case "changeDate" -> "Enter the date the change was made";
            case "whatWasDone" -> "Enter what was done";
            case "comparison" -> "Enter the results against the prediction";
            case "learning" -> "Enter what was learned";
            case "decision" -> "Choose adopt, adapt or abandon";
            case "rationale" -> "Enter why";
            case "reason" -> "Enter the reason";
            default -> null;
        };
        return what != null ? what : sentence(detail);
    }

    /** A message as a sentence: capital first letter. */
    private static String sentence(String text) {
        return text.isEmpty() ? text : capital(text);
    }
}
