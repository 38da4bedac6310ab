package uk.lifeline.command;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Replaces the tariff with a two-rate time-of-use tariff (Economy 7 style): the off-peak rate applies each day
 * from {@code offPeakStart} to {@code offPeakEnd}, meter-local (Europe/London) wall-clock time, across midnight
 * when the end is earlier than the start; the peak rate applies otherwise. Immutable.
 */
public record ChangeTimeOfUsePrice(
        UnitPrice peakRate,
        UnitPrice offPeakRate,
        LocalTime offPeakStart,
        LocalTime offPeakEnd,
        UnitPrice standingCharge,
        Optional<LocalDate> effectiveFrom)
        implements MeterCommand {

    public ChangeTimeOfUsePrice {
        CommandParameters.PEAK_RATE.checkPrice(Objects.requireNonNull(peakRate, "peak-rate"));
        CommandParameters.OFF_PEAK_RATE.checkPrice(Objects.requireNonNull(offPeakRate, "off-peak-rate"));
        CommandParameters.STANDING_CHARGE.checkPrice(Objects.requireNonNull(standingCharge, "standing-charge"));
        int start = CodeTime.quarterOfDay("off-peak-start", offPeakStart);
        int end = CodeTime.quarterOfDay("off-peak-end", offPeakEnd);
        if (start == end) {
            throw new ParameterOutOfRangeException("off-peak-end", offPeakEnd, "a time other than off-peak-start");
        }
        effectiveFrom.ifPresent(date -> CodeTime.dayNumber("from", date));
    }

    static ChangeTimeOfUsePrice from(Parameters p) {
        return new ChangeTimeOfUsePrice(
                p.price("peak-rate"),
                p.price("off-peak-rate"),
                p.time("off-peak-start"),
                p.time("off-peak-end"),
                p.price("standing-charge"),
                ChangePrice.effectiveFrom(p));
    }

    static ChangeTimeOfUsePrice read(FieldReader in) {
        UnitPrice peak = new UnitPrice(in.take(UnitPrice.BITS));
        UnitPrice offPeak = new UnitPrice(in.take(UnitPrice.BITS));
        UnitPrice standing = new UnitPrice(in.take(UnitPrice.BITS));
        LocalTime start = CodeTime.timeOfQuarter("off-peak-start", in.take(CodeTime.TIME_OF_DAY_BITS));
        LocalTime end = CodeTime.timeOfQuarter("off-peak-end", in.take(CodeTime.TIME_OF_DAY_BITS));
        return new ChangeTimeOfUsePrice(peak, offPeak, start, end, standing, ChangePrice.takeEffectiveFrom(in));
    }

    @Override
    public CommandType type() {
        return CommandType.CHANGE_TIME_OF_USE_PRICE;
    }

    @Override
    public void writeTo(FieldWriter out) {
        out.put(peakRate.thousandthsOfPenny(), UnitPrice.BITS)
                .put(offPeakRate.thousandthsOfPenny(), UnitPrice.BITS)
                .put(standingCharge.thousandthsOfPenny(), UnitPrice.BITS)
                .put(CodeTime.quarterOfDay("off-peak-start", offPeakStart), CodeTime.TIME_OF_DAY_BITS)
                .put(CodeTime.quarterOfDay("off-peak-end", offPeakEnd), CodeTime.TIME_OF_DAY_BITS);
        ChangePrice.putEffectiveFrom(out, effectiveFrom);
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("peak-rate", peakRate.toString());
        p.put("off-peak-rate", offPeakRate.toString());
        p.put("off-peak-start", offPeakStart.toString());
        p.put("off-peak-end", offPeakEnd.toString());
        p.put("standing-charge", standingCharge.toString());
        p.put("from", effectiveFrom.map(LocalDate::toString).orElse("now"));
        return p;
    }
}
