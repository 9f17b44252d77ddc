package uk.nhs.pdsa.portal.rest;

import java.lang.reflect.Field;
import java.util.List;

import org.jboss.resteasy.reactive.RestForm;

import uk.nhs.pdsa.portal.view.Form;

/**
 * Every field the portal's forms post, bound one by one: naming them is what makes Quarkus REST read the form body
 * before the CSRF filter checks its token (an endpoint without a named form field would not be read).
 */
public class PostedForm {
    @RestForm("csrf-token") public String csrfToken;
    @RestForm public String version;
    @RestForm public String action;
    @RestForm public String needId;
    @RestForm public String follows;
    @RestForm public String title;
    @RestForm public String objective;
    @RestForm public String changeIdea;
    @RestForm public String question0;
    @RestForm public String question1;
    @RestForm public String question2;
    @RestForm public String prediction0;
    @RestForm public String prediction1;
    @RestForm public String prediction2;
    @RestForm public List<String> measure;
    @RestForm public String who;
    @RestForm public String what;
    @RestForm public String when;
    @RestForm public String where;
    @RestForm public String ownerName;
    @RestForm public String ownerEmail;
    @RestForm public String ownerRole;
    @RestForm public String teamName0;
    @RestForm public String teamName1;
    @RestForm public String teamName2;
    @RestForm public String teamName3;
    @RestForm public String teamName4;
    @RestForm public String teamRole0;
    @RestForm public String teamRole1;
    @RestForm public String teamRole2;
    @RestForm public String teamRole3;
    @RestForm public String teamRole4;
    @RestForm public String plannedStart;
    @RestForm public String plannedEnd;
    @RestForm public String changeDate;
    @RestForm public String whatWasDone;
    @RestForm public String problems;
    @RestForm public String observations;
    @RestForm public String comparison;
    @RestForm public String learning;
    @RestForm public String decision;
    @RestForm public String rationale;
    @RestForm public String teamScore;
    @RestForm public String reason;
    @RestForm public String teamReason;
    @RestForm public String organisation;
    @RestForm public String name;
    @RestForm public String role;
    @RestForm public String email;
    @RestForm public String webhookUrl;
    @RestForm public String webhookSecret;
    @RestForm public String delivery;

    /** What was posted, as the pages show it again (the CSRF token left out). */
    public Form toForm() {
        Form form = Form.empty();
        for (Field field : PostedForm.class.getFields()) {
            if (field.getName().equals("csrfToken")) {
                continue;
            }
            try {
                Object value = field.get(this);
                if (value instanceof List<?> list) {
                    list.forEach(v -> form.add(field.getName(), String.valueOf(v)));
                } else if (value != null) {
                    form.set(field.getName(), value.toString());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return form;
    }
}
