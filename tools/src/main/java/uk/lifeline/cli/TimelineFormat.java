package uk.lifeline.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.command.Parameters;
import uk.lifeline.command.Pence;
import uk.lifeline.command.SetFriendlyCreditPeriod;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.prepay.TimelineEntry;
import uk.lifeline.prepay.Totals;
import uk.lifeline.tariff.Block;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.Tariff;
import uk.lifeline.tariff.TimeOfUse;

/**
 * Writes a simulation as docs/tariff.md ("Output") lays it out: the timeline as CSV or JSON lines, then the final
 * state. Money in pounds, instants in meter-local time with their offset. Stateless.
 */
enum TimelineFormat {
    CSV,
    JSONL;

    static final List<String> COLUMNS = java.util.Arrays.asList(
            "at",
            "change",
            "amount",
            "balance",
            "emergency-credit",
            "time-debt-1",
            "time-debt-2",
            "payment-debt",
            "accumulated-debt",
            "supply",
            "note");

    void write(List<TimelineEntry> timeline, MeterState end, PrintStream out) {
        if (this == CSV) {
            out.println(String.join(",", COLUMNS).replace('-', '_'));
        }
        for (TimelineEntry e : timeline) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("at", local(e.at()));
            row.put("change", e.change().code());
            row.put("amount", Pence.toPounds(e.amountPence()));
            row.put("balance", Pence.toPounds(e.meterBalance()));
            row.put("emergency-credit", e.emergencyCreditActive() ? Pence.toPounds(e.emergencyCreditBalance()) : "");
            row.put("time-debt-1", Pence.toPounds(e.timeDebt1()));
            row.put("time-debt-2", Pence.toPounds(e.timeDebt2()));
            row.put("payment-debt", Pence.toPounds(e.paymentDebt()));
            row.put("accumulated-debt", Pence.toPounds(e.accumulatedDebt()));
            row.put("supply", e.supply().code());
            row.put("note", e.note());
            out.println(this == CSV ? csvRow(row.values()) : jsonRow(row));
        }
        Map<String, String> state = finalState(end);
        if (this == CSV) {
            out.println();
            out.println("field,value");
            state.forEach((k, v) -> out.println(csvRow(java.util.Arrays.asList(k, v))));
        } else {
            out.println(Json.object(java.util.Collections.singletonMap("final-state", Json.stringObject(state))));
        }
    }

    static TimelineFormat of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format is csv or jsonl, not '" + name + "'");
        }
    }

    /** Everything a meter holds at the end, as NAME=VALUE text. */
    static Map<String, String> finalState(MeterState s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("at", local(s.asOf()));
        m.put("mode", Parameters.name(s.mode()));
        m.put("supply", s.supply().code());
        m.put("tariff", describe(s.tariff()));
        m.put(
                "pending-tariff",
                s.pendingTariff()
                        .map(p -> "from " + p.from() + ": " + describe(p.tariff()))
                        .orElse("none"));
        m.put("balance", Pence.toPounds(s.credit().meterBalance()));
        m.put("emergency-credit-active", Boolean.toString(s.credit().emergencyCreditActive()));
        m.put("emergency-credit-balance", Pence.toPounds(s.credit().emergencyCreditBalance()));
        m.put("emergency-credit-used", Pence.toPounds(s.emergencyCreditUsed()));
        Debts d = s.debts();
        putTimeDebt(m, "time-debt-1", d.timeBased1());
        putTimeDebt(m, "time-debt-2", d.timeBased2());
        m.put("payment-debt", Pence.toPounds(d.paymentBased().amountPence()));
        m.put("payment-debt-percent", Long.toString(d.paymentBased().percent()));
        m.put("accumulated-debt", Pence.toPounds(d.accumulatedDebt()));
        m.put("uncharged-pence", s.accruals().unchargedPence().toPlainString());
        for (int slot = 1; slot <= SetFriendlyCreditPeriod.SLOTS; slot++) {
            m.put("friendly-credit-" + slot, describe(slot, s.friendlyCredit().slot(slot)));
        }
        m.put(
                "non-disconnect",
                s.nonDisconnect().map(p -> p.start() + "/" + p.end()).orElse("none"));
        m.put(
                "han-open-until",
                s.han()
                        .map(h -> local(h.until()) + " " + Parameters.name(h.device()))
                        .orElse("none"));
        Totals t = s.totals();
        m.put("topped-up", Pence.toPounds(t.toppedUp()));
        m.put("credit-adjusted", Pence.toPounds(t.creditAdjusted()));
        m.put("charges-collected", Pence.toPounds(t.chargesCollected()));
        m.put("charges-deferred", Pence.toPounds(t.chargesDeferred()));
        m.put("debt-collected", Pence.toPounds(t.debtCollected()));
        m.put("debt-adjusted", Pence.toPounds(t.debtAdjusted()));
        return m;
    }

    private static void putTimeDebt(Map<String, String> m, String name, TimeDebt debt) {
        m.put(name, Pence.toPounds(debt.amountPence()));
        m.put(name + "-rate", Pence.toPounds(debt.ratePence()) + " " + Parameters.name(debt.per()));
    }

    static String describe(Tariff tariff) {
        StringBuilder text = new StringBuilder();
        if (tariff instanceof SingleRate s) {
            text.append("single-rate unit-rate=").append(s.unitRate());
        } else if (tariff instanceof TimeOfUse t) {
            text.append("time-of-use");
            for (TimeOfUse.RateSwitch rate : t.switches()) {
                text.append(' ').append(rate.from()).append('=').append(rate.rate());
            }
        } else {
            Block b = (Block) tariff;
            text.append("block per-").append(Parameters.name(b.period()));
            for (Block.Tier tier : b.tiers()) {
                text.append(
                                tier.upToWattHours() == Block.UNLIMITED
                                        ? " then="
                                        : " up-to-" + java.math.BigDecimal.valueOf(tier.upToWattHours(), 3) + "-kwh=")
                        .append(tier.rate());
            }
        }
        return text.append(" standing-charge=").append(tariff.standingCharge()).toString();
    }

    private static String describe(int number, FriendlyCreditSlot slot) {
        if (slot.isEmpty()) {
            return "none";
        }
        Map<String, String> p = new SetFriendlyCreditPeriod(
                        number, slot.start(), slot.end(), slot.days(), slot.bankHolidays())
                .parameters();
        return p.get("start") + "-" + p.get("end") + " days=" + p.get("days") + " bank-holidays="
                + p.get("bank-holidays");
    }

    static String local(Instant at) {
        return OffsetDateTime.ofInstant(at, MeterTime.ZONE).toString();
    }

    /** A JSON object of strings, with null for an empty value (emergency credit when none is active). */
    private static String jsonRow(Map<String, String> row) {
        Map<String, String> json = new LinkedHashMap<>();
        row.forEach((k, v) -> json.put(k, v.isEmpty() && !k.equals("note") ? "null" : Json.string(v)));
        return Json.object(json);
    }

    private static String csvRow(Iterable<String> fields) {
        StringBuilder row = new StringBuilder();
        for (String field : fields) {
            if (row.length() > 0) {
                row.append(',');
            }
            boolean quote = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0;
            row.append(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        return row.toString();
    }
}
