package uk.nhs.pdsa.findings.spc;

/** The Making Data Count variation of a point, oriented by the metric's direction. */
public enum Variation {
    COMMON_CAUSE("common-cause"),
    SPECIAL_CAUSE_IMPROVEMENT("special-cause-improvement"),
    SPECIAL_CAUSE_CONCERN("special-cause-concern"),
    SPECIAL_CAUSE_NEUTRAL("special-cause-neutral");

    private final String code;

    Variation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean isSpecialCause() {
        return this != COMMON_CAUSE;
    }

    /** @param direction {@code higher-is-better}, {@code lower-is-better} or {@code neutral} */
    static Variation of(Side side, String direction) {
        return switch (direction) {
            case "higher-is-better" -> side == Side.HIGH ? SPECIAL_CAUSE_IMPROVEMENT : SPECIAL_CAUSE_CONCERN;
            case "lower-is-better" -> side == Side.LOW ? SPECIAL_CAUSE_IMPROVEMENT : SPECIAL_CAUSE_CONCERN;
            default -> SPECIAL_CAUSE_NEUTRAL;
        };
    }
}
