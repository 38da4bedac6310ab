package uk.lifeline.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;

/** One realistic example of every command, by name and NAME=VALUE parameters, as agents would issue them. */
public final class Examples {

    private Examples() {}

    /** Name of the example -> command line, e.g. {@code top-up amount=12.34}. */
    public static Map<String, String> commandLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("top-up in pence", "top-up amount=12.34");
        lines.put("top-up in pounds", "top-up amount=150");
        lines.put("largest top-up in pence", "top-up amount=81.91");
        lines.put("largest top-up", "top-up amount=8191");
        lines.put("deduct credit", "deduct-credit amount=5.00");
        lines.put("set credit", "set-credit balance=20.00");
        lines.put("set credit to zero", "set-credit balance=0");
        lines.put("add debt", "add-debt register=time-based-1 amount=120.00");
        lines.put("deduct debt", "deduct-debt register=time-based-2 amount=20.00");
        lines.put("set time-based debt", "set-debt register=time-based-1 amount=250.00 rate=1.50 period=per-day");
        lines.put("set payment-based debt", "set-debt register=payment-based amount=300.00 percent=25");
        lines.put("change price at once", "change-price unit-rate=24.862 standing-charge=60.97");
        lines.put("change price from 1 April", "change-price unit-rate=25.73 standing-charge=51.37 from=2027-04-01");
        lines.put(
                "change to Economy 7",
                "change-time-of-use-price peak-rate=27.03 off-peak-rate=12.5"
                        + " off-peak-start=23:30 off-peak-end=06:30 standing-charge=53.35 from=2027-04-01");
        lines.put(
                "friendly credit overnight every day",
                "set-friendly-credit-period slot=1 start=16:00 end=10:00" + " days=all bank-holidays=true");
        lines.put("friendly credit weekends", "set-friendly-credit-period slot=2 start=00:00 end=00:00 days=weekends");
        lines.put("clear friendly-credit slot", "set-friendly-credit-period slot=3 start=00:00 end=00:00 days=none");
        lines.put(
                "extreme weather non-disconnect",
                "set-non-disconnect-period start=2027-01-10T06:00:00Z" + " end=2027-01-13T18:00:00Z");
        lines.put("open HAN for a new PPMID", "open-han device=ppmid minutes=60");
        lines.put("change to credit mode", "change-mode mode=credit");
        lines.put("change to prepayment mode", "change-mode mode=prepayment");
        lines.put("revert to default", "revert-to-default");
        return lines;
    }

    /** Parses {@code name k=v ...} into a command. */
    public static MeterCommand parse(String commandLine) {
        String[] words = commandLine.split(" ");
        return MeterCommand.parse(
                words[0], Parameters.parse(Arrays.asList(words).subList(1, words.length)));
    }
}
