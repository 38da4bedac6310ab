package uk.lifeline.app.wallet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.MeterCommand;

/**
 * The order codes must be typed in, meter by meter: the order they were issued (UTRN counter order), except that
 * price changes and a switch to prepayment go before the other codes, as keypad meters want tariff codes first.
 * The meter decides what a code supersedes by the setting it writes (docs/command-codes.md, 'Counter rules'), so
 * moving those codes forward never makes another code stale: they write settings no credit or debt code writes.
 * A revert-to-default writes every setting, so nothing moves across one. A switch to credit mode keeps its place:
 * entered early it would make the meter refuse top-ups. Stateless.
 */
public final class EntryOrder {

    private EntryOrder() {}

    /** The codes in the order to type them: grouped by meter (in meter id order), each meter's in order. */
    public static List<WalletCode> sort(Collection<WalletCode> codes) {
        Map<String, List<WalletCode>> byMeter = new TreeMap<>();
        for (WalletCode code : codes) {
            byMeter.computeIfAbsent(code.code().meterId(), m -> new ArrayList<>())
                    .add(code);
        }
        List<WalletCode> ordered = new ArrayList<>(codes.size());
        for (List<WalletCode> meter : byMeter.values()) {
            meter.sort(Comparator.comparingLong(c -> c.code().counter()));
            ordered.addAll(forOneMeter(meter));
        }
        return ordered;
    }

    private static List<WalletCode> forOneMeter(List<WalletCode> byCounter) {
        List<WalletCode> out = new ArrayList<>(byCounter.size());
        List<WalletCode> first = new ArrayList<>();
        List<WalletCode> rest = new ArrayList<>();
        for (WalletCode code : byCounter) {
            if (code.code().type() == CommandType.REVERT_TO_DEFAULT) {
                out.addAll(first);
                out.addAll(rest);
                first.clear();
                rest.clear();
                out.add(code);
            } else {
                (goesFirst(code.code().command()) ? first : rest).add(code);
            }
        }
        out.addAll(first);
        out.addAll(rest);
        return out;
    }

    static boolean goesFirst(MeterCommand command) {
        switch (command.type()) {
            case CHANGE_PRICE:
            case CHANGE_TIME_OF_USE_PRICE:
                return true;
            case CHANGE_MODE:
                return ((ChangeMode) command).mode() == ChangeMode.Mode.PREPAYMENT;
            default:
                return false;
        }
    }
}
