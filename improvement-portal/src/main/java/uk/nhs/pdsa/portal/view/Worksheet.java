package uk.nhs.pdsa.portal.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The IHI PDSA worksheet as form fields and as the action-plan API's JSON: the plan (with up to {@link #ROWS}
 * questions and predictions and team members) and the Do, Study, Act and handover records. Empty fields are left
 * out, so the API names what is missing.
 */
public final class Worksheet {
    /** Rows of questions a plan form offers. */
    public static final int ROWS = 3;
    /** Rows of team members the plan and team forms offer. */
    public static final int TEAM_ROWS = 5;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Worksheet() {
    }

    /** The plan's JSON; {@code measure} values are {@code audit|metric|organisation|microsystem}. */
    public static ObjectNode plan(Form form) {
        ObjectNode plan = JSON.objectNode();
        put(plan, "needId", form.get("needId"));
        put(plan, "follows", form.get("follows"));
        for (String field : new String[] {"title", "objective", "changeIdea", "plannedStart", "plannedEnd"}) {
            put(plan, field, form.get(field));
        }
        ArrayNode predictions = plan.putArray("predictions");
        for (int i = 0; i < ROWS; i++) {
            if (!form.get("question" + i).isEmpty() || !form.get("prediction" + i).isEmpty()) {
                ObjectNode p = predictions.addObject();
                put(p, "question", form.get("question" + i));
                put(p, "prediction", form.get("prediction" + i));
            }
        }
        ArrayNode measures = plan.putArray("measures");
        for (String value : form.all("measure")) {
            String[] parts = value.split("\\|", -1);
            if (parts.length == 4) {
                ObjectNode m = measures.addObject().put("audit", parts[0]).put("metric", parts[1]).put("organisation", parts[2]);
                put(m, "microsystem", parts[3]);
            }
        }
        ObjectNode data = JSON.objectNode();
        for (String field : new String[] {"who", "what", "when", "where"}) {
            put(data, field, form.get(field));
        }
        plan.set("dataCollection", data);
        plan.set("owner", person(form, "owner"));
        plan.set("team", team(form).get("team"));
        return plan;
    }

    /** The team form's JSON: the members typed (rows left empty are nobody) and the reason. */
    public static ObjectNode team(Form form) {
        ObjectNode body = JSON.objectNode();
        ArrayNode team = body.putArray("team");
        for (int i = 0; i < TEAM_ROWS; i++) {
            if (!form.get("teamName" + i).isEmpty() || !form.get("teamRole" + i).isEmpty()) {
                ObjectNode member = team.addObject();
                put(member, "name", form.get("teamName" + i));
                put(member, "role", form.get("teamRole" + i));
            }
        }
        put(body, "reason", form.get("teamReason"));
        return body;
    }

    /** The team's rows filled from the cycle's plan (the team form starts from the team as it is). */
    public static Form withTeam(Form form, JsonNode plan) {
        int t = 0;
        for (JsonNode member : plan.path("team")) {
            if (t < TEAM_ROWS) {
                form.set("teamName" + t, member.path("name").asText("")).set("teamRole" + t, member.path("role").asText(""));
                t++;
            }
        }
        return form;
    }

    /** The form of a next cycle on the ramp: the objective, measures, predictions, data collection and people kept. */
    public static Form nextAfter(JsonNode cycle) {
        JsonNode plan = cycle.path("plan");
        Form form = Form.empty().set("follows", cycle.path("id").asText()).set("objective", plan.path("objective").asText(""));
        int i = 0;
        for (JsonNode p : plan.path("predictions")) {
            if (i < ROWS) {
                form.set("question" + i, p.path("question").asText("")).set("prediction" + i, p.path("prediction").asText(""));
                i++;
            }
        }
        for (JsonNode m : plan.path("measures")) {
            form.add("measure", measure(m));
        }
        for (String field : new String[] {"who", "what", "when", "where"}) {
            form.set(field, plan.path("dataCollection").path(field).asText(""));
        }
        JsonNode owner = cycle.path("owner");
        form.set("ownerName", owner.path("name").asText("")).set("ownerEmail", owner.path("email").asText(""))
                .set("ownerRole", owner.path("role").asText(""));
        return withTeam(form, plan);
    }

    /** A measure as a checkbox value. */
    public static String measure(JsonNode m) {
        return m.path("audit").asText() + "|" + m.path("metric").asText() + "|" + m.path("organisation").asText() + "|"
                + (m.hasNonNull("microsystem") ? m.path("microsystem").asText() : "");
    }

    public static ObjectNode doRecord(Form form) {
        return fields(form, "changeDate", "whatWasDone", "problems", "observations");
    }

    public static ObjectNode study(Form form) {
        return fields(form, "comparison", "learning");
    }

    public static ObjectNode act(Form form) {
        ObjectNode act = fields(form, "decision", "rationale");
        if (!form.get("teamScore").isEmpty()) {
            try {
                act.put("teamScore", Double.parseDouble(form.get("teamScore")));
            } catch (NumberFormatException e) {
                act.put("teamScore", form.get("teamScore")); // the API says what a score must be
            }
        }
        return act;
    }

    public static ObjectNode handOver(Form form) {
        ObjectNode body = JSON.objectNode();
        body.set("owner", person(form, "owner"));
        put(body, "reason", form.get("reason"));
        return body;
    }

    public static ObjectNode decision(Form form) {
        return fields(form, "rationale");
    }

    private static ObjectNode person(Form form, String prefix) {
        ObjectNode person = JSON.objectNode();
        put(person, "name", form.get(prefix + "Name"));
        put(person, "email", form.get(prefix + "Email"));
        put(person, "role", form.get(prefix + "Role"));
        return person;
    }

    private static ObjectNode fields(Form form, String... names) {
        ObjectNode node = JSON.objectNode();
        for (String name : names) {
            put(node, name, form.get(name));
        }
        return node;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
