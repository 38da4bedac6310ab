package uk.lifeline.command;

/**
 * Every command parameter's {@link ParameterSpec}: the one place its label and range are written. The records
 * check their values against these; {@link CommandType#parameters()} lists them for forms and the API's command
 * catalog. Stateless.
 */
final class CommandParameters {

    private CommandParameters() {}

    static final String[] TIME_BASED = {"time-based-1", "time-based-2"};

    static final ParameterSpec CREDIT_AMOUNT = ParameterSpec.credit("amount", "Amount (£)", 1);
    static final ParameterSpec BALANCE = ParameterSpec.credit("balance", "New balance (£)", 0);

    static final ParameterSpec REGISTER = ParameterSpec.choice(
            "register",
            "Debt register",
            DebtRegister.class,
            "Time-based debt 1",
            "Time-based debt 2",
            "Payment-based debt");
    static final ParameterSpec DEBT_AMOUNT = ParameterSpec.pounds("amount", "Amount (£)", 1, DebtRegister.MAX_AMOUNT);
    static final ParameterSpec SET_DEBT_AMOUNT =
            ParameterSpec.pounds("amount", "Debt amount (£)", 0, DebtRegister.MAX_AMOUNT);
    static final ParameterSpec DEBT_RATE = ParameterSpec.pounds(
                    "rate", "Recovery rate (£)", 0, (1L << SetDebt.RATE_BITS) - 1)
            .onlyWhen("register", TIME_BASED);
    static final ParameterSpec DEBT_PERIOD = ParameterSpec.choice(
                    "period", "Recovered", "per-day", "per day", "per-hour", "per hour")
            .onlyWhen("register", TIME_BASED);
    static final ParameterSpec DEBT_PERCENT = ParameterSpec.whole("percent", "Percent of each top-up", "%", 0, 100)
            .onlyWhen("register", "payment-based");

    static final ParameterSpec UNIT_RATE = ParameterSpec.price("unit-rate", "Unit rate (p/kWh)", "p/kWh");
    static final ParameterSpec STANDING_CHARGE =
            ParameterSpec.price("standing-charge", "Standing charge (p/day)", "p/day");
    static final ParameterSpec FROM =
            ParameterSpec.date("from", "From (optional)").optional();
    static final ParameterSpec PEAK_RATE = ParameterSpec.price("peak-rate", "Peak rate (p/kWh)", "p/kWh");
    static final ParameterSpec OFF_PEAK_RATE = ParameterSpec.price("off-peak-rate", "Off-peak rate (p/kWh)", "p/kWh");
    static final ParameterSpec OFF_PEAK_START = ParameterSpec.timeOfDay("off-peak-start", "Off-peak starts");
    static final ParameterSpec OFF_PEAK_END = ParameterSpec.timeOfDay("off-peak-end", "Off-peak ends");

    static final ParameterSpec SLOT = ParameterSpec.whole("slot", "Slot", null, 1, SetFriendlyCreditPeriod.SLOTS)
            .withChoices("Slot");
    static final ParameterSpec WINDOW_START = ParameterSpec.timeOfDay("start", "Window starts");
    static final ParameterSpec WINDOW_END = ParameterSpec.timeOfDay("end", "Window ends");
    static final ParameterSpec DAYS = ParameterSpec.days("days", "Days");
    static final ParameterSpec BANK_HOLIDAYS = ParameterSpec.bool("bank-holidays", "Also on bank holidays");

    static final ParameterSpec PERIOD_START = ParameterSpec.instant("start", "Period starts (UTC)");
    static final ParameterSpec PERIOD_END = ParameterSpec.instant("end", "Period ends (UTC)");

    static final ParameterSpec DEVICE = ParameterSpec.choice(
            "device",
            "Device that may join",
            OpenHan.Device.class,
            "PPMID (prepayment display)",
            "In-home display",
            "Consumer access device",
            "Any device");
    static final ParameterSpec MINUTES =
            ParameterSpec.whole("minutes", "Minutes open", "minutes", 1, OpenHan.LONGEST_MINUTES);

    static final ParameterSpec MODE =
            ParameterSpec.choice("mode", "Mode", ChangeMode.Mode.class, "Credit (pay later)", "Prepayment");
}
