package uk.lifeline.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.lifeline.prepay.Meters.at;
import static uk.lifeline.prepay.Meters.command;
import static uk.lifeline.prepay.Meters.meter;
import static uk.lifeline.prepay.Meters.settings;

import java.math.BigInteger;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Money never wraps (issue 12): every register stays within ±{@link Money#MOST_PENCE}, and arithmetic on
 * registers is exact or a {@link MoneyOutOfRangeException}. jqwik's generated longs include the extremes
 * ({@code Long.MIN_VALUE}, {@code Long.MAX_VALUE}, 0, ±1) as edge cases.
 */
class MoneyProperties {

    private static final BigInteger MOST = BigInteger.valueOf(Money.MOST_PENCE);

    @Property(tries = 2000)
    void aSumIsExactOrRefused(@ForAll long a, @ForAll long b) {
        BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        if (exact.abs().compareTo(MOST) <= 0) {
            assertThat(Money.plus("x", a, b)).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> Money.plus("x", a, b)).isInstanceOf(MoneyOutOfRangeException.class);
        }
        BigInteger difference = BigInteger.valueOf(a).subtract(BigInteger.valueOf(b));
        if (difference.abs().compareTo(MOST) <= 0) {
            assertThat(Money.minus("x", a, b)).isEqualTo(difference.longValueExact());
        } else {
            assertThatThrownBy(() -> Money.minus("x", a, b)).isInstanceOf(MoneyOutOfRangeException.class);
        }
    }

    @Property(tries = 1000)
    void aRegisterOutsideTheRangeCannotExist(@ForAll long pence) {
        boolean inRange = Math.abs((double) pence) <= Money.MOST_PENCE;
        if (inRange && pence >= 0) {
            Credit credit = new Credit(pence, true, pence);
            if (pence <= Money.MOST_PENCE / 2) {
                assertThat(credit.available()).isEqualTo(2 * pence);
            } else {
                // Each register in range, their sum not: refused, never wrapped.
                assertThatThrownBy(credit::available).isInstanceOf(MoneyOutOfRangeException.class);
            }
            assertThat(new TimeDebt(pence, pence, TimeDebt.NONE.per()).amountPence())
                    .isEqualTo(pence);
        } else if (!inRange) {
            assertThatThrownBy(() -> new Credit(pence, false, 0)).isInstanceOf(MoneyOutOfRangeException.class);
            assertThatThrownBy(() -> new PaymentDebt(pence, 0)).isInstanceOf(MoneyOutOfRangeException.class);
            assertThatThrownBy(() -> new Debts(TimeDebt.NONE, TimeDebt.NONE, PaymentDebt.NONE, pence))
                    .isInstanceOf(MoneyOutOfRangeException.class);
        }
    }

    /**
     * A top-up on a meter with any balance, under any maximum: applied with exactly balance + amount, refused, or
     * a typed error; never "applied" with a wrapped balance.
     */
    @Property(tries = 1000)
    void aTopUpNeverWrapsTheBalance(
            @ForAll @LongRange(min = -Money.MOST_PENCE, max = Money.MOST_PENCE) long balance, @ForAll long maximum) {
        MeterSettings s;
        try {
            s = settings().maximums(maximum, Long.MAX_VALUE).build();
        } catch (IllegalArgumentException e) {
            return; // settings no meter could have (e.g. a maximum below the disablement threshold)
        }
        MeterState state = meter(s, "2026-01-05T12:00:00Z", balance);
        try {
            Outcome outcome = MeterEngine.apply(state, command("top-up", "amount=8191"), at("2026-01-05T12:00:00Z"));
            if (outcome instanceof Outcome.Applied applied) {
                long after = applied.state().credit().meterBalance();
                assertThat(BigInteger.valueOf(after))
                        .isEqualTo(BigInteger.valueOf(balance).add(BigInteger.valueOf(819100)));
                assertThat(after).isLessThanOrEqualTo(maximum);
            }
        } catch (MoneyOutOfRangeException e) {
            assertThat(BigInteger.valueOf(balance)
                            .add(BigInteger.valueOf(819100))
                            .compareTo(MOST))
                    .isPositive();
        }
    }

    @Example
    void theReportedCaseABalanceOfLongMaxCannotBeModelledSoNoPreviewCanWrap() {
        assertThatThrownBy(() -> meter("2026-01-05T12:00:00Z", Long.MAX_VALUE))
                .isInstanceOf(MoneyOutOfRangeException.class)
                .hasMessageContaining("meter balance");
        MeterState top = meter(
                settings().maximums(Long.MAX_VALUE, Long.MAX_VALUE).build(), "2026-01-05T12:00:00Z", Money.MOST_PENCE);
        assertThatThrownBy(() -> MeterEngine.apply(top, command("top-up", "amount=20.00"), at("2026-01-05T12:00:00Z")))
                .isInstanceOf(MoneyOutOfRangeException.class);
    }
}
