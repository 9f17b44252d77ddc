package uk.nhs.pdsa.findings.spc;

/**
 * The Making Data Count assurance icon: can the process be relied on to meet its target? It compares the
 * target with the latest control limits (NHS England, <i>Making Data Count: Strengthening your decisions</i>,
 * 2019, p. 12): both limits on the good side of the target, consistently passing; both on the bad side,
 * consistently failing; the target between them, hit and miss.
 */
public enum Assurance {
    CONSISTENTLY_PASSING("consistently-passing"),
    CONSISTENTLY_FAILING("consistently-failing"),
    INCONSISTENT("inconsistent"),
    NONE("none");

    private final String code;

    Assurance(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** {@link #NONE} without a target, for a neutral metric, or without limits (run chart, provisional). */
    public static Assurance of(ChartPoint latest, Double target, String direction) {
        if (target == null || latest == null || !latest.hasLimits() || "neutral".equals(direction)) {
            return NONE;
        }
        boolean higherIsBetter = "higher-is-better".equals(direction);
        double lower = latest.lowerLimit();
        double upper = latest.upperLimit();
        if (higherIsBetter ? lower > target : upper < target) {
            return CONSISTENTLY_PASSING;
        }
        if (higherIsBetter ? upper < target : lower > target) {
            return CONSISTENTLY_FAILING;
        }
        return INCONSISTENT;
    }
}
