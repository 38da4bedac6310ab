package uk.lifeline.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundingTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "0.999999, 0", "1, 1", "7.4586, 7", "60.970, 60", "123456.5, 123456"})
    void wholePenceRoundDown(BigDecimal exact, long whole) {
        assertThat(Rounding.wholePence(exact)).isEqualTo(whole);
        assertThat(Rounding.MODE).isEqualTo(RoundingMode.DOWN);
    }

    @Test
    void aNegativeChargeIsRefused() {
        assertThatThrownBy(() -> Rounding.wholePence(new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.01");
    }

    @Test
    void theFractionOfAPennyIsCarriedIntoTheNextCharge() {
        Rounding.Accrued first = Rounding.accrue(BigDecimal.ZERO, new BigDecimal("60.970"));
        assertThat(first.wholePence()).isEqualTo(60);
        assertThat(first.carry()).isEqualByComparingTo("0.970");
        Rounding.Accrued second = Rounding.accrue(first.carry(), new BigDecimal("7.458600"));
        assertThat(second.wholePence()).isEqualTo(8);
        assertThat(second.carry()).isEqualByComparingTo("0.4286");
    }

    @ParameterizedTest
    @CsvSource({"2000, 10, 200", "1005, 25, 251", "1, 99, 0", "999, 100, 999", "500, 0, 0", "333, 33, 109"})
    void aShareOfAPaymentRoundsDown(long pence, long percent, long share) {
        assertThat(Rounding.percentOf(pence, percent)).isEqualTo(share);
    }

    /** However charges fall, the pence taken are the exact total rounded down, and less than 1p is carried. */
    @Property(tries = 500)
    void carryingTheFractionTakesTheExactTotalRoundedDown(
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 50_000_000) Long> millionths) {
        BigDecimal carry = BigDecimal.ZERO;
        BigDecimal exactTotal = BigDecimal.ZERO;
        long taken = 0;
        for (long m : millionths) {
            BigDecimal charge = BigDecimal.valueOf(m, 6);
            exactTotal = exactTotal.add(charge);
            Rounding.Accrued accrued = Rounding.accrue(carry, charge);
            taken += accrued.wholePence();
            carry = accrued.carry();
            assertThat(carry).isBetween(BigDecimal.ZERO, new BigDecimal("0.999999"));
        }
        assertThat(taken).isEqualTo(exactTotal.setScale(0, RoundingMode.FLOOR).longValueExact());
        assertThat(BigDecimal.valueOf(taken).add(carry)).isEqualByComparingTo(exactTotal);
    }
}
