package uk.lifeline.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.lifeline.prepay.Meters.net;
import static uk.lifeline.prepay.Meters.total;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import uk.lifeline.calendar.BankHolidays;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.prepay.RandomMeters.Scenario;

/**
 * The rules every meter keeps, whatever its settings, consumption and codes. Named *Test so that surefire runs it
 * under ./mvnw verify (its default includes do not match *Properties).
 */
class MeterPropertiesTest {

    /** Top-ups = change in (balance - emergency credit used) + charges taken + debt collected, to the penny. */
    @Property(tries = 300)
    void moneyIsConserved(@ForAll long seed) {
        Scenario s = new RandomMeters(seed).scenario(false);
        Simulation run = Simulator.run(s.start(), s.profile(), s.events());
        List<TimelineEntry> t = run.timeline();
        long toppedUp = total(t, Change.TOP_UP);
        long deducted = total(t, Change.CREDIT_DEDUCTED);
        long charges = total(t, Change.ENERGY_CHARGE, Change.STANDING_CHARGE);
        long debtCollected =
                total(t, Change.PAYMENT_DEBT_RECOVERY, Change.ACCUMULATED_DEBT_REPAID, Change.TIME_DEBT_RECOVERY);
        // Set-debt entries carry the new amount, not the change: the change comes from the meter's own total.
        long debtAdded = run.end().totals().debtAdjusted();
        assertThat(toppedUp - deducted)
                .as("seed %d", seed)
                .isEqualTo(net(run.end()) - net(run.start()) + charges + debtCollected);
        assertThat(run.end().debts().total() - run.start().debts().total())
                .as("seed %d", seed)
                .isEqualTo(debtAdded + total(t, Change.CHARGE_TO_ACCUMULATED_DEBT) - debtCollected);
        Totals totals = run.end().totals();
        assertThat(totals.toppedUp()).isEqualTo(toppedUp);
        assertThat(totals.chargesCollected()).isEqualTo(charges);
        assertThat(totals.debtCollected()).isEqualTo(debtCollected);
        assertThat(totals.chargesDeferred()).isEqualTo(total(t, Change.CHARGE_TO_ACCUMULATED_DEBT));
    }

    /** With every command in play, the meter's own totals still balance. */
    @Property(tries = 300)
    void theMetersTotalsBalanceWhateverTheCommands(@ForAll long seed) {
        Scenario s = new RandomMeters(seed).scenario(true);
        Simulation run = Simulator.run(s.start(), s.profile(), s.events());
        Totals t = run.end().totals();
        assertThat(t.toppedUp() + t.creditAdjusted())
                .as("seed %d", seed)
                .isEqualTo(net(run.end()) - net(run.start()) + t.chargesCollected() + t.debtCollected());
        assertThat(run.end().debts().total() - run.start().debts().total())
                .as("seed %d", seed)
                .isEqualTo(t.debtAdjusted() + t.chargesDeferred() - t.debtCollected());
        assertThat(run.end().accruals().unchargedPence())
                .isBetween(java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE);
    }

    /**
     * The supply is never disabled inside a friendly-credit window or a non-disconnect period: no disablement
     * happens at a protected instant, and at every half-hour boundary inside one the supply is not disabled.
     */
    @Property(tries = 300)
    void theSupplyIsNeverDisabledInsideAProtectedPeriod(@ForAll long seed) {
        Scenario s = new RandomMeters(seed).scenario(false);
        Simulation run = Simulator.run(s.start(), s.profile(), s.events());
        MeterState start = run.start();
        for (TimelineEntry e : run.timeline()) {
            if (e.change() == Change.SUPPLY_DISABLED) {
                assertThat(isProtected(start, e.at()))
                        .as("seed %d: disabled at %s", seed, e.at())
                        .isFalse();
            }
        }
        List<TimelineEntry> t = run.timeline();
        int next = 0;
        int protectedBoundaries = 0;
        SupplyState supply = start.supply();
        for (int i = 0; i <= s.profile().size(); i++) {
            Instant boundary = s.profile().startOf(i);
            for (; next < t.size() && !t.get(next).at().isAfter(boundary); next++) {
                supply = t.get(next).supply();
            }
            if (isProtected(start, boundary)) {
                protectedBoundaries++;
                assertThat(supply).as("seed %d at %s", seed, boundary).isNotEqualTo(SupplyState.DISABLED);
            }
        }
        Statistics.label("protected and ever disabled")
                .collect(protectedBoundaries > 0, Meters.count(t, Change.SUPPLY_DISABLED) > 0);
    }

    /** A refused command (or press, or request) changes nothing: the run without it ends the same. */
    @Property(tries = 300)
    void aRefusedCommandChangesNothing(@ForAll long seed) {
        Scenario s = new RandomMeters(seed).scenario(true);
        Simulation run = Simulator.run(s.start(), s.profile(), s.events());
        Set<Instant> refusedAt = run.timeline().stream()
                .filter(e -> e.change() == Change.REFUSED)
                .map(TimelineEntry::at)
                .collect(Collectors.toCollection(HashSet::new));
        List<MeterEvent> accepted = new ArrayList<>();
        for (MeterEvent event : s.events()) {
            if (!refusedAt.contains(event.at())) {
                accepted.add(event);
            }
        }
        Statistics.label("runs with a refusal").collect(!refusedAt.isEmpty());
        Simulation without = Simulator.run(s.start(), s.profile(), accepted);
        assertThat(without.end()).as("seed %d", seed).isEqualTo(run.end());
        assertThat(without.timeline())
                .as("seed %d", seed)
                .isEqualTo(run.timeline().stream()
                        .filter(e -> e.change() != Change.REFUSED)
                        .collect(Collectors.toList()));
    }

    /** A refused command hands back the very state it was given. */
    @Property(tries = 300)
    void theEngineHandsBackTheSameStateWhenItRefuses(@ForAll long seed) {
        Scenario s = new RandomMeters(seed).scenario(true);
        MeterState state = s.start();
        for (MeterEvent event : s.events()) {
            Outcome outcome = MeterEngine.handle(state, event);
            if (outcome instanceof Outcome.Refused) {
                assertThat(outcome.state()).isSameAs(state);
            }
            state = outcome.state();
        }
    }

    private static boolean isProtected(MeterState start, Instant at) {
        return start.nonDisconnect().map(p -> p.contains(at)).orElse(false)
                || start.friendlyCredit()
                        .covers(
                                MeterTime.local(at),
                                BankHolidays.ukGov().in(start.settings().bankHolidays()));
    }
}
