package uk.lifeline.forecast;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.prepay.ConsumptionProfile;
import uk.lifeline.prepay.Credit;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.PaymentDebt;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.TimeOfUse;

/**
 * A made-up household for the accuracy study: a year of hidden half-hourly demand with its own size, seasonal
 * swing, daily shape, weather spells, noise and days away (none of it the forecast's typical profile), a meter with
 * its own tariff, debt, emergency credit and friendly hours, and the customer's habits (when they top up, how much,
 * how late, how often they tell the supplier what the display shows). Test code: doubles are fine here, the
 * meter sees whole watt-hours. Immutable after construction.
 */
final class SimulatedHome {

    static final Instant YEAR_START = Instant.parse("2027-01-04T00:00:00Z");
    static final int HALF_HOURS = 366 * 48 + 60 * 48;

    final Fuel fuel;
    final long[] wattHours;
    final MeterState start;
    /** Top up once available credit is below this (pence). */
    final long triggerPence;
    /** Top-up amounts the customer picks from (pence). */
    final long[] amounts;
    /** Mean hours between noticing and topping up. */
    final double meanDelayHours;
    /** The chance the customer reports the display at a top-up. */
    final double reportChance;

    SimulatedHome(long seed) {
        Random r = new Random(seed);
        fuel = r.nextDouble() < 0.75 ? Fuel.ELECTRICITY : Fuel.GAS;
        boolean gas = fuel == Fuel.GAS;
        double annualKwh = (gas ? 11_500 : 2_700) * Math.exp(r.nextGaussian() * 0.35);
        double swing = gas ? 0.45 + r.nextDouble() * 0.4 : 0.05 + r.nextDouble() * 0.3;
        double weekend = 1.0 + r.nextDouble() * 0.2;
        double[] shape = shape(r, gas);
        wattHours = new long[HALF_HOURS];
        MeterTime.Cursor clock = new MeterTime.Cursor();
        double weather = 0;
        int awayLeft = 0;
        int lastDay = -1;
        double dayFactor = 1;
        for (int i = 0; i < HALF_HOURS; i++) {
            LocalDateTime local = clock.local(YEAR_START.plusSeconds(1800L * i));
            int day = local.toLocalDate().getDayOfYear();
            if (day != lastDay) {
                lastDay = day;
                weather = 0.8 * weather + r.nextGaussian() * (gas ? 0.12 : 0.06);
                if (awayLeft > 0) {
                    awayLeft--;
                } else if (r.nextDouble() < 0.01) {
                    awayLeft = 2 + r.nextInt(6);
                }
                double season = 1 + swing * Math.cos(2 * Math.PI * (day - 15) / 365.0);
                boolean weekendDay =
                        local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
                dayFactor = season
                        * Math.exp(weather + r.nextGaussian() * 0.12)
                        * (weekendDay ? weekend : 1)
                        * (awayLeft > 0 ? 0.3 : 1);
            }
            int index = local.getHour() * 2 + local.getMinute() / 30;
            double wh = annualKwh * 1000 / 365 * dayFactor * shape[index] * Math.exp(r.nextGaussian() * 0.35 - 0.06);
            wattHours[i] = Math.max(0, Math.round(wh));
        }
        SingleRate single = gas
                ? new SingleRate(price(6 + r.nextDouble() * 1.5), price(28 + r.nextDouble() * 10))
                : new SingleRate(price(22 + r.nextDouble() * 6), price(45 + r.nextDouble() * 20));
        MeterSettings.Builder settings = MeterSettings.builder(
                !gas && r.nextDouble() < 0.2
                        ? new TimeOfUse(
                                Arrays.asList(
                                        new TimeOfUse.RateSwitch(LocalTime.of(0, 30), price(13)),
                                        new TimeOfUse.RateSwitch(LocalTime.of(7, 30), price(28))),
                                single.standingCharge())
                        : single);
        double friendly = r.nextDouble();
        if (friendly < 0.4) {
            settings.defaultFriendlyCredit(NonDisablementCalendar.NONE.withSlot(
                    1,
                    new FriendlyCreditSlot(
                            LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.allOf(DayOfWeek.class), true)));
        } else if (friendly < 0.7) {
            settings.defaultFriendlyCredit(NonDisablementCalendar.NONE
                    .withSlot(
                            1,
                            new FriendlyCreditSlot(
                                    LocalTime.of(18, 0),
                                    LocalTime.of(8, 0),
                                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                    true))
                    .withSlot(
                            2,
                            new FriendlyCreditSlot(
                                    LocalTime.of(0, 0),
                                    LocalTime.of(0, 0),
                                    EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                                    false)));
        }
        long ecLimit = 500 + 100L * r.nextInt(11);
        settings.emergencyCredit(ecLimit, 100 + 50L * r.nextInt(3));
        TimeDebt time = r.nextDouble() < 0.4
                ? new TimeDebt(10_000 + 1000L * r.nextInt(400), 20 + r.nextInt(60), SetDebt.Recovery.PER_DAY)
                : TimeDebt.NONE;
        PaymentDebt payment = r.nextDouble() < 0.2
                ? new PaymentDebt(10_000 + 1000L * r.nextInt(300), 10 + r.nextInt(16))
                : PaymentDebt.NONE;
        start = MeterState.initial(settings.build(), YEAR_START)
                .withCredit(new Credit(1000 + 100L * r.nextInt(20), false, 0))
                .withDebts(new Debts(time, TimeDebt.NONE, payment, 0));
        triggerPence = 150 + 50L * r.nextInt(12);
        long base = gas ? 1000 : 1000 + 500L * r.nextInt(3);
        amounts = new long[] {base, base + 500, base + 1000, 2 * base + 1000};
        meanDelayHours = 1 + r.nextDouble() * 20;
        double[] reports = {0.2, 0.5, 0.9};
        reportChance = reports[r.nextInt(reports.length)];
    }

    /** Half hours from {@code from} to {@code to}, both on the half hour inside the year. */
    ConsumptionProfile slice(Instant from, Instant to) {
        int a = (int) ((from.getEpochSecond() - YEAR_START.getEpochSecond()) / 1800);
        int b = (int) ((to.getEpochSecond() - YEAR_START.getEpochSecond()) / 1800);
        return ConsumptionProfile.of(from, Arrays.copyOfRange(wattHours, a, b));
    }

    Instant end() {
        return YEAR_START.plusSeconds(1800L * HALF_HOURS);
    }

    private static UnitPrice price(double pence) {
        return new UnitPrice(Math.round(pence * 1000));
    }

    /** The household's own day: a base load, a morning and an evening peak at its own hours; sums to 1. */
    private static double[] shape(Random r, boolean gas) {
        double[] s = new double[48];
        double morning = 12 + r.nextInt(8);
        double evening = 33 + r.nextInt(10);
        double base = gas ? 0.1 + r.nextDouble() * 0.2 : 0.3 + r.nextDouble() * 0.4;
        double sum = 0;
        for (int i = 0; i < 48; i++) {
            s[i] = base
                    + 1.0 * Math.exp(-Math.pow((i - morning) / 2.5, 2))
                    + 1.4 * Math.exp(-Math.pow((i - evening) / 4.0, 2))
                    + (i > 14 && i < 32 ? 0.3 : 0);
            sum += s[i];
        }
        for (int i = 0; i < 48; i++) {
            s[i] /= sum;
        }
        return s;
    }

    static List<Long> list(long... values) {
        List<Long> l = new ArrayList<>();
        for (long v : values) {
            l.add(v);
        }
        return l;
    }
}
