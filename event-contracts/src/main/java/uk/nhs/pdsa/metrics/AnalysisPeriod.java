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
