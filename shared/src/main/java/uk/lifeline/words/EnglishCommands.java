package uk.lifeline.words;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import uk.lifeline.command.AddDebt;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.ChangeTimeOfUsePrice;
import uk.lifeline.command.DebtRegister;
import uk.lifeline.command.DeductCredit;
import uk.lifeline.command.DeductDebt;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.OpenHan;
import uk.lifeline.command.SetCredit;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.SetFriendlyCreditPeriod;
import uk.lifeline.command.SetNonDisconnectPeriod;
import uk.lifeline.command.TopUp;
import uk.lifeline.command.UnitPrice;

/** {@link CommandWords} in English. Stateless. */
final class EnglishCommands {

    private static final Language EN = Language.ENGLISH;

    private EnglishCommands() {}

    static String describe(MeterCommand command, When when) {
        if (command instanceof TopUp c) {
            return "adds " + money(c.amountPence()) + " credit";
        } else if (command instanceof DeductCredit c) {
            return "takes " + money(c.amountPence()) + " off your credit";
        } else if (command instanceof SetCredit c) {
            return "sets your credit to " + money(c.balancePence());
        } else if (command instanceof AddDebt c) {
            return "adds " + money(c.amountPence()) + " to " + debt(c.register());
        } else if (command instanceof DeductDebt c) {
            return "takes " + money(c.amountPence()) + " off " + debt(c.register());
        } else if (command instanceof SetDebt c) {
            return setDebt(c);
        } else if (command instanceof ChangePrice c) {
            return "changes your price to " + price(c.unitRate()) + " per kWh and " + price(c.standingCharge())
                    + " a day standing charge" + from(c.effectiveFrom(), when);
        } else if (command instanceof ChangeTimeOfUsePrice c) {
            return "changes your price to " + price(c.peakRate()) + " per kWh, and " + price(c.offPeakRate())
                    + " per kWh from " + c.offPeakStart() + " to " + c.offPeakEnd() + ", and "
                    + price(c.standingCharge()) + " a day standing charge" + from(c.effectiveFrom(), when);
        } else if (command instanceof SetFriendlyCreditPeriod c) {
            return friendly(c);
        } else if (command instanceof SetNonDisconnectPeriod c) {
            return "keeps your supply on" + (c.start().isAfter(when.now()) ? " from " + when.moment(c.start()) : "")
                    + " until " + when.moment(c.end());
        } else if (command instanceof OpenHan c) {
            return "lets " + device(c.device()) + " join your meter for the next " + minutes(c.minutes());
        } else if (command instanceof ChangeMode c) {
            return c.mode() == ChangeMode.Mode.PREPAYMENT
                    ? "switches your meter to pay as you go"
                    : "switches your meter to pay by bill (credit mode)";
        }
        return "puts your meter's settings back to your supplier's standard ones";
    }

    private static String money(long pence) {
        return CommandWords.money(pence);
    }

    private static String price(UnitPrice price) {
        return CommandWords.price(price, EN);
    }

    private static String debt(DebtRegister register) {
        switch (register) {
            case TIME_BASED_1:
                return "debt 1";
            case TIME_BASED_2:
                return "debt 2";
            default:
                return "the debt paid from your top-ups";
        }
    }

    private static String setDebt(SetDebt c) {
        String what = "sets " + debt(c.register()) + " to " + money(c.amountPence());
        switch (c.recovery()) {
            case PER_DAY:
                return what + ", paid back at " + money(c.rate()) + " a day";
            case PER_HOUR:
                return what + ", paid back at " + money(c.rate()) + " an hour";
            default:
                return what + ", taking " + c.rate() + "% of each top-up";
        }
    }

    private static String from(Optional<LocalDate> date, When when) {
        return date.map(d -> " from " + when.day(d)).orElse("");
    }

    private static String friendly(SetFriendlyCreditPeriod c) {
        String slot = "friendly hours " + c.slot();
        if (c.clearsSlot()) {
            return "removes " + slot;
        }
        List<String> on = new ArrayList<>();
        if (!c.days().isEmpty()) {
            on.add(days(c.days()));
        }
        if (c.bankHolidays()) {
            on.add("on bank holidays");
        }
        String hours = c.start().equals(c.end()) ? "all day" : "from " + c.start() + " to " + c.end();
        return "keeps your supply on " + hours + " " + String.join(" and ", on) + ", even when you run out of credit ("
                + slot + ")";
    }

    private static String days(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "every day";
        }
        if (days.equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
            return "on weekdays";
        }
        if (days.equals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))) {
            return "at weekends";
        }
        List<String> names = new ArrayList<>();
        for (DayOfWeek day : EnumSet.copyOf(days)) {
            names.add(day.getDisplayName(TextStyle.FULL, Locale.UK) + "s");
        }
        return "on " + CommandWords.list(names, EN);
    }

    private static String device(OpenHan.Device device) {
        switch (device) {
            case PPMID:
                return "a new prepayment keypad (PPMID)";
            case IHD:
                return "a new in-home display";
            case CAD:
                return "a new consumer access device";
            default:
                return "a new device";
        }
    }

    private static String minutes(long minutes) {
        if (minutes < 60 || minutes % 60 != 0) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = minutes / 60;
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
