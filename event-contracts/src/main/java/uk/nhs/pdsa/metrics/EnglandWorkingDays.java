package uk.nhs.pdsa.metrics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days in England (Monday to Friday, not a bank holiday), the calendar outlier policies count their
 * deadlines in. Bank holidays in England and Wales by the Banking and Financial Dealings Act 1971 and the
 * customary proclamations: New Year's Day, Good Friday, Easter Monday, the early May bank holiday (first Monday of
 * May), the spring bank holiday (last Monday of May), the summer bank holiday (last Monday of August), Christmas Day
 * and Boxing Day; one falling on a weekend is moved to the next weekday that is not itself a holiday. One-off
 * changes by proclamation (2012, 2020, 2022, 2023) are listed; new ones are added here when proclaimed.
 */
public final class EnglandWorkingDays {
    /** A holiday moved from its usual day: usual day to the day it was on instead. */
    private static final Map<LocalDate, LocalDate> MOVED = Map.of(
            LocalDate.of(2012, 5, 28), LocalDate.of(2012, 6, 4), // spring bank holiday, for the Diamond Jubilee
            LocalDate.of(2020, 5, 4), LocalDate.of(2020, 5, 8), // early May, for the 75th anniversary of VE day
            LocalDate.of(2022, 5, 30), LocalDate.of(2022, 6, 2)); // spring bank holiday, for the Platinum Jubilee
    /** Extra holidays proclaimed for one year. */
    private static final Set<LocalDate> EXTRA = Set.of(
            LocalDate.of(2012, 6, 5), // Diamond Jubilee
            LocalDate.of(2022, 6, 3), // Platinum Jubilee
            LocalDate.of(2022, 9, 19), // the State Funeral of Queen Elizabeth II
            LocalDate.of(2023, 5, 8)); // the Coronation of King Charles III

    private EnglandWorkingDays() {
    }

    /** The bank holidays in England and Wales in {@code year}, in date order. */
    public static Set<LocalDate> bankHolidays(int year) {
        Set<LocalDate> days = new TreeSet<>();
        LocalDate easter = easterSunday(year);
        LocalDate may = LocalDate.of(year, Month.MAY, 1);
        for (LocalDate usual : new LocalDate[] {
                easter.minusDays(2), easter.plusDays(1),
                may.with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)),
                may.with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.AUGUST, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)) }) {
            days.add(MOVED.getOrDefault(usual, usual));
        }
        // New Year's Day, Christmas Day and Boxing Day: on a weekend, the next free weekday instead.
        for (LocalDate fixed : new LocalDate[] {
                LocalDate.of(year, Month.JANUARY, 1), LocalDate.of(year, Month.DECEMBER, 25),
                LocalDate.of(year, Month.DECEMBER, 26) }) {
            LocalDate day = fixed;
            while (weekend(day) || days.contains(day)) {
                day = day.plusDays(1);
            }
            days.add(day);
        }
        EXTRA.stream().filter(d -> d.getYear() == year).forEach(days::add);
        return days;
    }

    public static boolean isWorkingDay(LocalDate day) {
        return !weekend(day) && !bankHolidays(day.getYear()).contains(day);
    }

    /**
     * The working day {@code days} working days after {@code from} (a deadline "within 10 working days" of a
     * notice sent on {@code from}); {@code from} itself is not counted.
     */
    public static LocalDate plusWorkingDays(LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must be 0 or more");
        }
        LocalDate day = from;
        for (int counted = 0; counted < days;) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Working days after {@code from} up to and including {@code to} (0 when {@code to} is not after it). */
    public static int workingDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    private static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
