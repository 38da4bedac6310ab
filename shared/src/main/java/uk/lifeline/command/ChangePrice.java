package uk.lifeline.command;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Replaces the tariff with a single unit rate and a standing charge, at once or from a meter-local date (a price
 * cap change on 1 April or 1 October can be sent and entered ahead of the day). Immutable.
 */
public record ChangePrice(UnitPrice unitRate, UnitPrice standingCharge, Optional<LocalDate> effectiveFrom)
        implements MeterCommand {

    public ChangePrice {
        CommandParameters.UNIT_RATE.checkPrice(Objects.requireNonNull(unitRate, "unit-rate"));
        CommandParameters.STANDING_CHARGE.checkPrice(Objects.requireNonNull(standingCharge, "standing-charge"));
        effectiveFrom.ifPresent(date -> CodeTime.dayNumber("from", date));
    }

    static ChangePrice from(Parameters p) {
        return new ChangePrice(p.price("unit-rate"), p.price("standing-charge"), effectiveFrom(p));
    }

    static Optional<LocalDate> effectiveFrom(Parameters p) {
        String from = p.text("from", "now");
        return from.equals("now") ? Optional.empty() : Optional.of(p.date("from"));
    }

    static void putEffectiveFrom(FieldWriter out, Optional<LocalDate> effectiveFrom) {
        out.put(effectiveFrom.map(date -> CodeTime.dayNumber("from", date)).orElse(0L), CodeTime.DATE_BITS);
    }

    static Optional<LocalDate> takeEffectiveFrom(FieldReader in) {
        long day = in.take(CodeTime.DATE_BITS);
        return day == 0 ? Optional.empty() : Optional.of(CodeTime.dateOfDay(day));
    }

    static ChangePrice read(FieldReader in) {
        UnitPrice rate = new UnitPrice(in.take(UnitPrice.BITS));
        UnitPrice standing = new UnitPrice(in.take(UnitPrice.BITS));
        return new ChangePrice(rate, standing, takeEffectiveFrom(in));
    }

    @Override
    public CommandType type() {
        return CommandType.CHANGE_PRICE;
    }

    @Override
    public void writeTo(FieldWriter out) {
        out.put(unitRate.thousandthsOfPenny(), UnitPrice.BITS).put(standingCharge.thousandthsOfPenny(), UnitPrice.BITS);
        putEffectiveFrom(out, effectiveFrom);
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("unit-rate", unitRate.toString());
        p.put("standing-charge", standingCharge.toString());
        p.put("from", effectiveFrom.map(LocalDate::toString).orElse("now"));
        return p;
    }
}
