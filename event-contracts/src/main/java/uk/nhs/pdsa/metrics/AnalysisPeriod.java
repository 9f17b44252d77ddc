package uk.nhs.pdsa.metrics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of results an outlier analysis compares providers on ("data collected over an appropriate defined
 * period, and not continuous monitoring", HQIP 2017): its months and a label. {@link Kind} says how an audit cuts
 * its data into such periods.
 */
public record AnalysisPeriod(String label, YearMonth first, YearMonth last) {

    /** How an audit's outlier policy cuts time into analysis periods. */
    public enum Kind {
        /** April to March, labelled {@code 2025-26}. */
        FINANCIAL_YEAR("financial-year"),
        /** January to December, labelled {@code 2025}. */
        CALENDAR_YEAR("calendar-year"),
        /** Three calendar months, labelled {@code 2025-Q3}. */
        CALENDAR_QUARTER("calendar-quarter"),
        /** The twelve months to the end of each calendar quarter, labelled {@code 12m-to-2025-09}. */
        ROLLING_12_MONTHS("rolling-12-months");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Kind of(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("analysis period must be one of financial-year, calendar-year,"
                    + " calendar-quarter, rolling-12-months");
        }

        /** The period of this kind that ends with the quarter, year or financial year holding {@code month}. */
        public AnalysisPeriod containing(YearMonth month) {
            return switch (this) {
                case FINANCIAL_YEAR -> {
                    int start = month.getMonthValue() >= 4 ? month.getYear() : month.getYear() - 1;
                    yield new AnalysisPeriod(start + "-" + String.format("%02d", (start + 1) % 100),
                            YearMonth.of(start, 4), YearMonth.of(start + 1, 3));
                }
                case CALENDAR_YEAR -> new AnalysisPeriod(String.valueOf(month.getYear()), YearMonth.of(month.getYear(), 1),
                        YearMonth.of(month.getYear(), 12));
                case CALENDAR_QUARTER -> {
                    int q = (month.getMonthValue() - 1) / 3;
                    YearMonth first = YearMonth.of(month.getYear(), q * 3 + 1);
                    yield new AnalysisPeriod(month.getYear() + "-Q" + (q + 1), first, first.plusMonths(2));
                }
                case ROLLING_12_MONTHS -> {
                    YearMonth last = YearMonth.of(month.getYear(), ((month.getMonthValue() - 1) / 3) * 3 + 3);
                    yield new AnalysisPeriod("12m-to-" + last, last.minusMonths(11), last);
                }
            };
        }

        /** The period that follows {@code period} (for a rolling window: the one ending a quarter later). */
        AnalysisPeriod next(AnalysisPeriod period) {
            return containing(period.last().plusMonths(this == ROLLING_12_MONTHS ? 3 : 1));
        }
    }

    /** The period in words, from its months: "April 2025 to March 2026", "July to September 2025". */
    public String inWords() {
        String from = first.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.UK);
        String to = last.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.UK) + " "
                + last.getYear();
        return first.getYear() == last.getYear() ? from + " to " + to : from + " " + first.getYear() + " to " + to;
    }

    /** The period a label names (2025-26, 2025, 2025-Q3, 12m-to-2025-09), or empty for anything else. */
    public static java.util.Optional<AnalysisPeriod> ofLabel(String label) {
        if (label == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m;
        if ((m = java.util.regex.Pattern.compile("(\\d{4})-(\\d{2})").matcher(label)).matches()
                && (Integer.parseInt(m.group(1)) + 1) % 100 == Integer.parseInt(m.group(2))) {
            return java.util.Optional.of(Kind.FINANCIAL_YEAR.containing(YearMonth.of(Integer.parseInt(m.group(1)), 4)));
        }
        if (label.matches("\\d{4}")) {
            return java.util.Optional.of(Kind.CALENDAR_YEAR.containing(YearMonth.of(Integer.parseInt(label), 1)));
        }
        if ((m = java.util.regex.Pattern.compile("(\\d{4})-Q([1-4])").matcher(label)).matches()) {
            return java.util.Optional.of(Kind.CALENDAR_QUARTER.containing(
                    YearMonth.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1)));
        }
        if ((m = java.util.regex.Pattern.compile("12m-to-(\\d{4})-(03|06|09|12)").matcher(label)).matches()) {
            return java.util.Optional.of(Kind.ROLLING_12_MONTHS.containing(
                    YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))));
        }
        return java.util.Optional.empty();
    }

    /** Whether results of {@code month} belong to this period. */
    public boolean contains(YearMonth month) {
        return !month.isBefore(first) && !month.isAfter(last);
    }

    /** The day after the period's last month. */
    public LocalDate endsBefore() {
        return last.plusMonths(1).atDay(1);
    }

    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }
}
