package uk.lifeline.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopUpAllocationTest {

    private static final long NO_CAP = Long.MAX_VALUE;

    @Test
    void theWorkedExampleOfDocsTariffMd() {
        TopUpAllocation a = TopUpAllocation.of(2000, new PaymentDebt(15000, 10), NO_CAP, 340, -40, 0, 500);
        assertThat(a).isEqualTo(new TopUpAllocation(2000, 200, 340, 40, 500, 920));
    }

    @ParameterizedTest(name = "{0}p: {8} {9} {10} {11} {12}")
    @CsvSource({
        // amount, debt, percent, cap left, accumulated, balance, threshold, EC used -> payment, accumulated,
        // shortfall, emergency, balance
        "1000,     0,  0, max, 0,   500,   0,   0,   0,   0,   0,   0, 1000",
        "500,    100, 25, max, 0,     0,   0,   0, 100,   0,   0,   0,  400",
        "1000,  5000, 10,  30, 0,     0,   0,   0,  30,   0,   0,   0,  970",
        "1000,  5000, 10,   0, 0,     0,   0,   0,   0,   0,   0,   0, 1000",
        "1005,  5000, 25, max, 0,     0,   0,   0, 251,   0,   0,   0,  754",
        "300,      0,  0, max, 500,   0,   0,   0,   0, 300,   0,   0,    0",
        "1000,     0,  0, max, 0,    50, 200,   0,   0,   0, 150,   0,  850",
        "400,      0,  0, max, 0,     0,   0, 700,   0,   0,   0, 400,    0",
        "1000,     0,  0, max, 0,  -250,   0, 300,   0,   0, 250, 300,  450"
    })
    void sharesATopUpOutInOrder(
            long amount,
            long debt,
            long percent,
            String capLeft,
            long accumulated,
            long balance,
            long threshold,
            long emergencyUsed,
            long toPayment,
            long toAccumulated,
            long toShortfall,
            long toEmergency,
            long toBalance) {
        long cap = capLeft.equals("max") ? NO_CAP : Long.parseLong(capLeft);
        TopUpAllocation a = TopUpAllocation.of(
                amount, new PaymentDebt(debt, percent), cap, accumulated, balance, threshold, emergencyUsed);
        assertThat(a)
                .isEqualTo(new TopUpAllocation(amount, toPayment, toAccumulated, toShortfall, toEmergency, toBalance));
        assertThat(a.paymentDebt() + a.accumulatedDebt() + a.shortfall() + a.emergencyCredit() + a.balance())
                .isEqualTo(amount);
    }

    @Test
    void aTopUpIsAtLeastAPenny() {
        assertThatThrownBy(() -> TopUpAllocation.of(0, PaymentDebt.NONE, NO_CAP, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
