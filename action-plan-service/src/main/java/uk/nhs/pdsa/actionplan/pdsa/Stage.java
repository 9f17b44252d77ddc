package uk.nhs.pdsa.actionplan.pdsa;

import java.util.Locale;

/** The stages of a Plan-Do-Study-Act cycle, in order; a cycle is at the last stage it recorded. */
public enum Stage {
    PLAN, DO, STUDY, ACT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
