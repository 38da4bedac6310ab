package uk.lifeline.forecast;

import java.time.DayOfWeek;
import java.time.LocalDateTime;

/**
 * A typical GB domestic home's demand by fuel, season, day of week and half hour: the one place the forecast's
 * assumptions about households live (docs/forecast.md says what each number rests on). The annual figures are
 * Ofgem's "medium" Typical Domestic Consumption Values (electricity 2,700 kWh, gas 11,500 kWh a year, in force
 * from April 2024); the monthly, weekday and half-hourly shapes are our own stated assumptions (winter-heavy, gas
 * much more so; weekends a little higher; morning and evening peaks), not measured data. All factors are whole
 * thousandths so no floating point reaches an estimate. Immutable and thread-safe.
 */
public final class TypicalProfile {

    /** Ofgem TDCV, medium: watt-hours a year. */
    static final long ELECTRICITY_WH_A_YEAR = 2_700_000;

    static final long GAS_WH_A_YEAR = 11_500_000;

    /** Each month's day as thousandths of the year's average day; each list sums to 12,000. */
    private static final int[] ELECTRICITY_MONTH = {1220, 1130, 1050, 950, 880, 820, 820, 840, 900, 1020, 1140, 1230};

    private static final int[] GAS_MONTH = {1850, 1650, 1400, 950, 600, 380, 320, 330, 480, 950, 1400, 1690};

    /** Monday to Friday, and Saturday and Sunday, as thousandths of the week's average day (5 x 970 + 2 x 1075). */
    private static final int WEEKDAY = 970;

    private static final int WEEKEND = 1075;

    /** Relative weight of each half hour of the meter-local day, from 00:00. */
    private static final int[] ELECTRICITY_HALF_HOURS = {
        14, 12, 11, 10, 10, 10, 10, 10, 10, 10, 10, 11, 13, 16, 20, 24, 26, 25, 23, 21, 20, 19, 19, 20,
        21, 20, 19, 18, 18, 19, 21, 24, 29, 34, 37, 38, 37, 35, 33, 31, 29, 27, 26, 24, 22, 20, 18, 16
    };

    private static final int[] GAS_HALF_HOURS = {
        6, 5, 5, 5, 5, 5, 5, 5, 6, 8, 14, 24, 34, 38, 36, 30, 24, 20, 17, 15, 14, 14, 14, 14,
        14, 14, 15, 16, 18, 22, 28, 33, 36, 37, 36, 34, 32, 30, 28, 26, 24, 21, 18, 15, 12, 10, 8, 7
    };

    private TypicalProfile() {}

    /** The medium home's average day in watt-hours (the year's total over 365). */
    public static long averageDayWattHours(Fuel fuel) {
        return (fuel == Fuel.GAS ? GAS_WH_A_YEAR : ELECTRICITY_WH_A_YEAR) / 365;
    }

    /** How much of an average day the meter-local day of {@code local} uses, in thousandths (month x weekday). */
    public static long dayFactor(Fuel fuel, LocalDateTime local) {
        long month = monthFactor(fuel == Fuel.GAS ? GAS_MONTH : ELECTRICITY_MONTH, local.toLocalDate());
        DayOfWeek day = local.getDayOfWeek();
        int week = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? WEEKEND : WEEKDAY;
        return month * week / 1000;
    }

    /**
     * The month factor for the day, drawn straight between the middles of its month and the nearer neighbour:
     * demand follows the weather smoothly, it does not step on the first of the month.
     */
    private static long monthFactor(int[] months, java.time.LocalDate day) {
        int m = day.getMonthValue() - 1;
        // Where the day is within its month, in thousandths from the middle: -500 on the first, near +500 at the end.
        long offset = ((day.getDayOfMonth() - 1) * 1000L + 500) / day.lengthOfMonth() - 500;
        int neighbour = months[Math.floorMod(offset < 0 ? m - 1 : m + 1, 12)];
        return months[m] + (neighbour - months[m]) * Math.abs(offset) / 1000;
    }

    /** The half hour's share of its day, as a weight out of {@link #dayWeight}; index 0 starts at 00:00. */
    static int halfHourWeight(Fuel fuel, int index) {
        return (fuel == Fuel.GAS ? GAS_HALF_HOURS : ELECTRICITY_HALF_HOURS)[index];
    }

    static int dayWeight(Fuel fuel) {
        int sum = 0;
        for (int w : fuel == Fuel.GAS ? GAS_HALF_HOURS : ELECTRICITY_HALF_HOURS) {
            sum += w;
        }
        return sum;
    }

    /**
     * Watt-hours in the half hour starting at meter-local {@code local}, for a home whose average day is
     * {@code averageDayWh}, scaled by {@code percent} (100 = as estimated).
     */
    public static long halfHourWattHours(Fuel fuel, long averageDayWh, int percent, LocalDateTime local) {
        int index = local.getHour() * 2 + (local.getMinute() >= 30 ? 1 : 0);
        long day = averageDayWh * dayFactor(fuel, local) / 1000 * percent / 100;
        return day * halfHourWeight(fuel, index) / dayWeight(fuel);
    }
}
