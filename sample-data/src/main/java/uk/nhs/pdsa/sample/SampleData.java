package uk.nhs.pdsa.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic sample: two national audits, 12 trusts with 2 to 4 microsystems each, 36 months
 * (2023-01 to 2025-12) of results. Everyday variation is kept inside the rules (no run of 7 on one side,
 * no trend of 7, nothing near the limits), so exactly two things stand out, both planted:
 * <ul>
 * <li>a shift: {@value #SHIFT_TRUST} {@value #SHIFT_MICROSYSTEM}, hip fracture surgery within 36 hours drops
 * from about 84 % to 62 % for the last {@value #SHIFT_MONTHS} months;</li>
 * <li>a funnel-plot outlier: {@value #OUTLIER_TRUST} has about twice the 30-day mortality after hip fracture that
 * its patients' risks predict, in every month (steady, so its own chart shows no special cause). The hip fracture
 * audit compares providers on this metric, case-mix adjusted (a standardised ratio of observed to expected deaths),
 * once a calendar year is closed (its outlier policy), so {@value #OUTLIER_TRUST} is an outlier case of each year,
 * not a finding of each month.</li>
 * </ul>
 * And one thing that should not stand out: {@value #OLDER_TRUST} treats an older population ({@value #OLDER_SHARE} of
 * its patients in each audit's older age band, against {@value #TYPICAL_OLDER_SHARE} elsewhere), so its raw mortality
 * lies beyond the limits of an unadjusted comparison; its deaths are what its patients' risks predict, so after
 * adjustment for case mix it is within them. Both audits' mortality metrics are standardised ratios.
 */
public final class SampleData {
    public static final long SEED = 20251231L;
    public static final String SHIFT_TRUST = "RXH";
    public static final String SHIFT_MICROSYSTEM = "trauma-ward-2";
    public static final int SHIFT_MONTHS = 9;
    public static final String OUTLIER_TRUST = "RJ1";
    public static final int MONTHS = 36;
    public static final String OLDER_TRUST = "RRK";
    public static final double OLDER_SHARE = 0.6;
    public static final double TYPICAL_OLDER_SHARE = 0.2;
    /** The outlier trust's share of older patients: a little older than most, not enough to explain it. */
    public static final double OUTLIER_OLDER_SHARE = 0.25;

    /**
     * A simple case-mix model: a patient's predicted risk is {@code younger} below the older age band and
     * {@code older} within it (age is the strongest factor of the Nottingham Hip Fracture Score and of NELA's risk
     * model). A result's expected deaths are the sum of its patients' predicted risks.
     */
    public record CaseMix(String olderBand, double younger, double older) {
        /** The mean predicted risk of a trust's patients. */
        public double predictedRisk(String trust) {
            double share = olderShare(trust);
            return younger * (1 - share) + older * share;
        }

        /** The expected deaths of {@code patients} patients of a trust, to 2 decimals (as SHMI rounds them). */
        public java.math.BigDecimal expected(String trust, long patients) {
            return java.math.BigDecimal.valueOf(patients * predictedRisk(trust))
                    .setScale(2, java.math.RoundingMode.HALF_UP);
        }
    }

    /** Hip fracture: 5 % under 90, 12 % at 90 or over. */
    public static final CaseMix HIP_FRACTURE = new CaseMix("aged 90 or over", 0.05, 0.12);
    /** Emergency laparotomy: 7 % under 80, 17 % at 80 or over. */
    public static final CaseMix LAPAROTOMY = new CaseMix("aged 80 or over", 0.07, 0.17);

    /** @param caseMix null for a proportion; a standardised ratio (compared after adjustment) has its model */
    public record Metric(String code, String title, String direction, Double target, double typical, CaseMix caseMix) {
        Metric(String code, String title, String direction, Double target, double typical) {
            this(code, title, direction, target, typical, null);
        }

        public boolean standardised() {
            return caseMix != null;
        }

        public String type() {
            return standardised() ? "standardised-ratio" : "proportion";
        }
    }

    /**
     * How the audit compares providers (HQIP 2017): on closed analysis periods of this kind, the metrics named,
     * submissions closing this many working days after a period ends; null for an audit that states none.
     */
    public record OutlierPolicy(String analysisPeriod, int submissionsCloseAfter, List<String> metrics) {
    }

    public record Audit(String code, String title, String specialty, List<Metric> metrics, OutlierPolicy outliers) {
    }

    /** @param expected the deaths the case-mix model predicts (standardised ratios only; null otherwise) */
    public record Result(String audit, String metric, String organisation, String microsystem, String period,
            long numerator, long denominator, java.math.BigDecimal expected) {
        Result(String audit, String metric, String organisation, String microsystem, String period, long numerator,
                long denominator) {
            this(audit, metric, organisation, microsystem, period, numerator, denominator, null);
        }
    }

    public static final List<Audit> AUDITS = List.of(
            new Audit("nhfd", "National Hip Fracture Database", "orthopaedics", List.of(
                    new Metric("surgery-within-36h", "Surgery within 36 hours of admission", "higher-is-better", 0.85, 0.84),
                    new Metric("mortality-30-day", "Death within 30 days, against expected", "lower-is-better", null,
                            0.065, HIP_FRACTURE)),
                    new OutlierPolicy("calendar-year", 20, List.of("mortality-30-day"))),
            new Audit("nela", "National Emergency Laparotomy Audit", "general-surgery", List.of(
                    new Metric("ct-reported-before-surgery", "CT reported by a consultant before surgery", "higher-is-better", 0.9, 0.88),
                    new Metric("mortality-30-day", "Death within 30 days of surgery, against expected", "lower-is-better",
                            null, 0.09, LAPAROTOMY)), null));

    /** ODS codes of 12 acute trusts, in a fixed order. */
    public static final List<String> TRUSTS = List.of("RXH", "RJ1", "RTH", "RGT", "RRK", "R0A", "RHM", "RTD", "RR8",
            "RWE", "RX1", "RA7");

    /** The trusts' names as the NHS Organisation Data Service lists them. */
    public static final Map<String, String> TRUST_NAMES = Map.ofEntries(
            Map.entry("RXH", "University Hospitals Sussex NHS Foundation Trust"),
            Map.entry("RJ1", "Guy's and St Thomas' NHS Foundation Trust"),
            Map.entry("RTH", "Oxford University Hospitals NHS Foundation Trust"),
            Map.entry("RGT", "Cambridge University Hospitals NHS Foundation Trust"),
            Map.entry("RRK", "University Hospitals Birmingham NHS Foundation Trust"),
            Map.entry("R0A", "Manchester University NHS Foundation Trust"),
            Map.entry("RHM", "University Hospital Southampton NHS Foundation Trust"),
            Map.entry("RTD", "The Newcastle upon Tyne Hospitals NHS Foundation Trust"),
            Map.entry("RR8", "Leeds Teaching Hospitals NHS Trust"),
            Map.entry("RWE", "University Hospitals of Leicester NHS Trust"),
            Map.entry("RX1", "Nottingham University Hospitals NHS Trust"),
            Map.entry("RA7", "University Hospitals Bristol and Weston NHS Foundation Trust"));

    /**
     * Organisations that submit nothing: code, name, type, the specialties a college covers, the trusts a commissioner
     * (an integrated care board) commissions.
     */
    public record Receiver(String code, String name, String type, List<String> specialties, List<String> members) {
        Receiver(String code, String name, String type, List<String> specialties) {
            this(code, name, type, specialties, List.of());
        }
    }

    public static final List<Receiver> RECEIVERS = List.of(
            new Receiver("RCSENG", "Royal College of Surgeons of England", "college", List.of("general-surgery", "orthopaedics")),
            new Receiver("BOA", "British Orthopaedic Association", "college", List.of("orthopaedics")),
            new Receiver("HWENG", "Healthwatch England", "patient-group", List.of()),
            new Receiver("CQC", "Care Quality Commission", "regulator", List.of()),
            new Receiver("QKK", "NHS South East London Integrated Care Board", "commissioner", List.of(), List.of("RJ1")),
            new Receiver("QNX", "NHS Sussex Integrated Care Board", "commissioner", List.of(), List.of("RXH")));

    private static final List<String> MICROSYSTEMS = List.of("trauma-ward-1", "trauma-ward-2", "emergency-theatres",
            "surgical-admissions");

    private SampleData() {
    }

    public static List<String> microsystems(String trust) {
        int count = trust.equals(SHIFT_TRUST) ? 3 : 2 + Math.floorMod(trust.hashCode(), 3);
        return MICROSYSTEMS.subList(0, count);
    }

    /** "trauma-ward-2" reads "Trauma ward 2". */
    public static String microsystemName(String code) {
        String words = code.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static String period(int month) {
        return String.format("%d-%02d", 2023 + month / 12, month % 12 + 1);
    }

    /** Every result, series by series, each series in period order. */
    public static List<Result> results() {
        Random random = new Random(SEED);
        List<Result> results = new ArrayList<>();
        for (Audit audit : AUDITS) {
            for (String trust : TRUSTS) {
                for (String microsystem : microsystems(trust)) {
                    long[] sizes = new long[MONTHS];
                    for (int m = 0; m < MONTHS; m++) {
                        sizes[m] = 35 + random.nextInt(30);
                    }
                    for (Metric metric : audit.metrics()) {
                        long[] numerators = quietSeries(random, audit, metric, trust, microsystem, sizes);
                        for (int m = 0; m < MONTHS; m++) {
                            results.add(new Result(audit.code(), metric.code(), trust, microsystem, period(m),
                                    numerators[m], sizes[m],
                                    metric.standardised() ? metric.caseMix().expected(trust, sizes[m]) : null));
                        }
                    }
                }
            }
        }
        return results;
    }

    /**
     * Draws numerators around the series' level until every prefix of 12 or more months (as findings will
     * read them, month by month) shows common cause only; the planted shift is exempt from the check.
     */
    private static long[] quietSeries(Random random, Audit audit, Metric metric, String trust, String microsystem,
            long[] sizes) {
        boolean planted = isPlantedShift(audit, metric, trust, microsystem);
        int checked = planted ? MONTHS - SHIFT_MONTHS : MONTHS;
        while (true) {
            long[] numerators = new long[MONTHS];
            for (int m = 0; m < MONTHS; m++) {
                double p = planted && m >= MONTHS - SHIFT_MONTHS ? 0.62 : level(audit, metric, trust);
                double z = (0.2 + 1.1 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
                double sigma = Math.sqrt(p * (1 - p) / sizes[m]);
                numerators[m] = Math.max(0, Math.min(sizes[m], Math.round(sizes[m] * (p + z * sigma))));
            }
            if (CommonCause.holdsForEveryPrefix(numerators, sizes, checked)) {
                return numerators;
            }
        }
    }

    private static boolean isPlantedShift(Audit audit, Metric metric, String trust, String microsystem) {
        return audit.code().equals("nhfd") && metric.code().equals("surgery-within-36h") && trust.equals(SHIFT_TRUST)
                && microsystem.equals(SHIFT_MICROSYSTEM);
    }

    private static double level(Audit audit, Metric metric, String trust) {
        if (audit.code().equals("nhfd") && metric.code().equals("mortality-30-day") && trust.equals(OUTLIER_TRUST)) {
            return 0.13;
        }
        return metric.standardised() ? metric.caseMix().predictedRisk(trust) : metric.typical();
    }

    /** A trust's share of patients in an audit's older age band. */
    public static double olderShare(String trust) {
        return trust.equals(OLDER_TRUST) ? OLDER_SHARE : trust.equals(OUTLIER_TRUST) ? OUTLIER_OLDER_SHARE
                : TYPICAL_OLDER_SHARE;
    }
}
