package uk.nhs.pdsa.events;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period as audits publish them: a month {@code 2025-03}, a quarter {@code 2025-Q1} or a
 * year {@code 2025}. Ordered by start date, then by length.
 */
public record Period(String text, Granularity granularity, LocalDate start) implements Comparable<Period> {
    private static final Pattern FORMAT = Pattern.compile("^(\\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$");

    public enum Granularity { MONTH, QUARTER, YEAR }

    /** @throws IllegalArgumentException with a message fit for an API error when {@code text} is not a period */
    public static Period parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("period must be a month (2025-03), a quarter (2025-Q1) or a year (2025)");
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 1990 || year > 2100) {
            throw new IllegalArgumentException("period year must be between 1990 and 2100");
        }
        if (m.group(2) != null) {
            return new Period(text, Granularity.MONTH, LocalDate.of(year, Integer.parseInt(m.group(2)), 1));
        }
        if (m.group(3) != null) {
            return new Period(text, Granularity.QUARTER, LocalDate.of(year, 3 * Integer.parseInt(m.group(3)) - 2, 1));
        }
        return new Period(text, Granularity.YEAR, LocalDate.of(year, 1, 1));
    }

    /** The first day after the period. */
    public LocalDate end() {
        return switch (granularity) {
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    @Override
    public int compareTo(Period other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end().compareTo(other.end());
    }

    @Override
    public String toString() {
        return text;
    }
}
