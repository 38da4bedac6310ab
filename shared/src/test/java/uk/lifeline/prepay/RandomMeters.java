package uk.lifeline.prepay;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import uk.lifeline.calendar.BankHolidayRegion;
import uk.lifeline.calendar.CalendarPeriod;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.calendar.NonDisconnectPeriod;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.command.Pence;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.tariff.Block;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.Tariff;
import uk.lifeline.tariff.TimeOfUse;

/**
 * Random but reproducible meters, consumption and events for the property tests: everything comes from one seed,
 * so a failing seed replays exactly. Starts near the clock changes and Christmas bank holidays on purpose.
 */
final class RandomMeters {

    /** What one property run simulates. Immutable. */
    record Scenario(MeterState start, ConsumptionProfile profile, List<MeterEvent> events) {}

    private static final String[] ANCHORS = {
        "2026-03-27T00:00:00Z", "2026-10-23T12:00:00Z", "2026-12-23T00:00:00Z", "2027-06-01T00:00:00Z"
    };

    private final Random random;

    RandomMeters(long seed) {
        this.random = new Random(seed);
    }

    /**
     * @param allCommands events may be any command (else only top-ups, deductions, debts, prices, button presses
     *     and emergency-credit requests: nothing that changes when the supply is protected)
     */
    Scenario scenario(boolean allCommands) {
        Instant start = Instant.parse(ANCHORS[random.nextInt(ANCHORS.length)]).plusSeconds(1800L * random.nextInt(96));
        long[] readings = new long[48 + random.nextInt(289)];
        for (int i = 0; i < readings.length; i++) {
            readings[i] = random.nextInt(5) == 0 ? 0 : random.nextInt(2000);
        }
        ConsumptionProfile profile = ConsumptionProfile.of(start, readings);
        MeterState state = state(settings(), start, profile.end());
        List<MeterEvent> events = new ArrayList<>();
        Set<Long> seconds = new TreeSet<>();
        int count = random.nextInt(12);
        long span = profile.end().getEpochSecond() - start.getEpochSecond();
        while (seconds.size() < count) {
            seconds.add(start.getEpochSecond() + 60 * (long) random.nextInt((int) (span / 60) + 1));
        }
        for (long second : seconds) {
            events.add(event(Instant.ofEpochSecond(second), allCommands));
        }
        return new Scenario(state, profile, events);
    }

    private MeterSettings settings() {
        long limit = pick(0, 300, 1000);
        return MeterSettings.builder(tariff())
                .emergencyCredit(limit, pick(0, 100, 300))
                .lowCreditThreshold(pick(0, 200))
                .disablementThreshold(pick(0, 0, 50))
                .suspendDebt(random.nextBoolean(), random.nextBoolean())
                .timeDebtCap(
                        random.nextBoolean()
                                ? Optional.empty()
                                : Optional.of(new RecoveryCap(pick(50, 300), pickPeriod())))
                .paymentDebtCap(
                        random.nextBoolean()
                                ? Optional.empty()
                                : Optional.of(new RecoveryCap(pick(100, 500), pickPeriod())))
                .bankHolidays(BankHolidayRegion.values()[random.nextInt(3)])
                .defaultFriendlyCredit(calendar())
                .build();
    }

    private MeterState state(MeterSettings settings, Instant start, Instant end) {
        boolean emergency = settings.emergencyCreditLimit() > 0 && random.nextBoolean();
        long emergencyBalance = emergency ? random.nextInt((int) settings.emergencyCreditLimit() + 1) : 0;
        MeterState state = MeterState.initial(settings, start)
                .withCredit(new Credit(random.nextInt(3300) - 300, emergency, emergencyBalance))
                .withDebts(new Debts(
                        timeDebt(),
                        timeDebt(),
                        new PaymentDebt(random.nextInt(20_000), random.nextInt(40)),
                        random.nextInt(300)))
                .withSupply(SupplyState.values()[random.nextInt(3)]);
        if (random.nextInt(3) == 0) {
            long span = end.getEpochSecond() - start.getEpochSecond();
            Instant from = start.plusSeconds(900L * random.nextInt((int) (span / 900)));
            state = state.withNonDisconnect(
                    Optional.of(new NonDisconnectPeriod(from, from.plusSeconds(900L * (1 + random.nextInt(200))))));
        }
        return state;
    }

    private TimeDebt timeDebt() {
        return random.nextBoolean()
                ? TimeDebt.NONE
                : new TimeDebt(
                        random.nextInt(20_000),
                        random.nextInt(150),
                        random.nextBoolean() ? SetDebt.Recovery.PER_DAY : SetDebt.Recovery.PER_HOUR);
    }

    private Tariff tariff() {
        UnitPrice standing = price(80);
        switch (random.nextInt(3)) {
            case 0:
                return new SingleRate(price(60), standing);
            case 1:
                return new TimeOfUse(
                        Arrays.asList(
                                new TimeOfUse.RateSwitch(quarter(0, 48), price(60)),
                                new TimeOfUse.RateSwitch(quarter(48, 96), price(60))),
                        standing);
            default:
                return new Block(
                        Arrays.asList(
                                new Block.Tier(1 + random.nextInt(20_000), price(60)), Block.Tier.unlimited(price(60))),
                        pickPeriod(),
                        standing);
        }
    }

    private NonDisablementCalendar calendar() {
        NonDisablementCalendar calendar = NonDisablementCalendar.NONE;
        for (int slot = 1; slot <= 4; slot++) {
            if (random.nextInt(3) == 0) {
                Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                for (DayOfWeek day : DayOfWeek.values()) {
                    if (random.nextInt(3) == 0) {
                        days.add(day);
                    }
                }
                calendar = calendar.withSlot(
                        slot, new FriendlyCreditSlot(quarter(0, 96), quarter(0, 96), days, random.nextBoolean()));
            }
        }
        return calendar;
    }

    private MeterEvent event(Instant at, boolean allCommands) {
        int kinds = allCommands ? 16 : 8;
        switch (random.nextInt(kinds)) {
            case 0:
                return new MeterEvent.ButtonPressed(at);
            case 1:
                return new MeterEvent.EmergencyCreditRequested(at);
            case 2:
            case 3:
                return code(at, "top-up", "amount=" + creditValue(15_000));
            case 4:
                return code(at, "deduct-credit", "amount=" + Pence.toPounds(1 + random.nextInt(2000)));
            case 5:
                return code(
                        at, "add-debt", "register=" + register(), "amount=" + Pence.toPounds(1 + random.nextInt(5000)));
            case 6:
                return code(at, "change-price", "unit-rate=" + price(60), "standing-charge=" + price(80));
            case 7:
                return code(
                        at,
                        "set-debt",
                        "register=time-based-1",
                        "amount=" + Pence.toPounds(random.nextInt(5000)),
                        "rate=" + Pence.toPounds(random.nextInt(200)),
                        "period=" + (random.nextBoolean() ? "per-day" : "per-hour"));
            case 8:
                return code(at, "set-credit", "balance=" + creditValue(30_000));
            case 9:
                return code(
                        at,
                        "deduct-debt",
                        "register=" + register(),
                        "amount=" + Pence.toPounds(1 + random.nextInt(5000)));
            case 10:
                return code(
                        at,
                        "set-debt",
                        "register=payment-based",
                        "amount=" + Pence.toPounds(random.nextInt(5000)),
                        "percent=" + random.nextInt(60));
            case 11:
                return code(
                        at,
                        "change-time-of-use-price",
                        "peak-rate=" + price(60),
                        "off-peak-rate=" + price(30),
                        "off-peak-start=" + quarter(0, 48),
                        "off-peak-end=" + quarter(48, 96),
                        "standing-charge=" + price(80),
                        "from="
                                + at.atZone(java.time.ZoneOffset.UTC)
                                        .toLocalDate()
                                        .plusDays(random.nextInt(3)));
            case 12:
                return code(
                        at,
                        "set-friendly-credit-period",
                        "slot=" + (1 + random.nextInt(4)),
                        "start=" + quarter(0, 96),
                        "end=" + quarter(0, 96),
                        "days=" + pickDays(),
                        "bank-holidays=" + random.nextBoolean());
            case 13: {
                Instant from = Instant.ofEpochSecond((at.getEpochSecond() / 900 - random.nextInt(300)) * 900);
                return code(
                        at,
                        "set-non-disconnect-period",
                        "start=" + from,
                        "end=" + from.plusSeconds(900L * (1 + random.nextInt(400))));
            }
            case 14:
                return code(at, "change-mode", "mode=" + (random.nextInt(3) == 0 ? "credit" : "prepayment"));
            default:
                return random.nextBoolean()
                        ? code(at, "open-han", "device=any", "minutes=60")
                        : code(at, "revert-to-default");
        }
    }

    private static MeterEvent code(Instant at, String command, String... parameters) {
        return new MeterEvent.CodeEntered(at, MeterCommand.parse(command, Parameters.parse(Arrays.asList(parameters))));
    }

    /** Pounds a credit code can carry: pence up to 81.91, whole pounds above. */
    private String creditValue(int maxPence) {
        int pence = 1 + random.nextInt(maxPence);
        return pence <= 8191 ? Pence.toPounds(pence) : Long.toString(pence / 100);
    }

    private String register() {
        return new String[] {"time-based-1", "time-based-2", "payment-based"}[random.nextInt(3)];
    }

    private String pickDays() {
        return new String[] {"none", "all", "weekdays", "weekends", "mon,wed", "sat"}[random.nextInt(6)];
    }

    private UnitPrice price(int maxPence) {
        return new UnitPrice(random.nextInt(maxPence * 1000 + 1));
    }

    private LocalTime quarter(int from, int to) {
        int q = from + random.nextInt(to - from);
        return LocalTime.of(q / 4, (q % 4) * 15);
    }

    private long pick(long... values) {
        return values[random.nextInt(values.length)];
    }

    private CalendarPeriod pickPeriod() {
        return CalendarPeriod.values()[random.nextInt(3)];
    }
}
