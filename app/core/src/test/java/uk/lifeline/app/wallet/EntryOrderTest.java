package uk.lifeline.app.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.lifeline.app.trust.SignedCode;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;

class EntryOrderTest {

    static final String TOP_UP = "top-up amount=10";
    static final String PRICE = "change-price unit-rate=24.5 standing-charge=53.35";
    static final String TOU = "change-time-of-use-price peak-rate=30 off-peak-rate=15 off-peak-start=23:30"
            + " off-peak-end=06:30 standing-charge=55";
    static final String PREPAY = "change-mode mode=prepayment";
    static final String CREDIT_MODE = "change-mode mode=credit";
    static final String REVERT = "revert-to-default";
    static final String SET_CREDIT = "set-credit balance=5";
    static final String DEBT = "add-debt register=time-based-1 amount=20";
    static final String HOLIDAY = "set-non-disconnect-period start=2026-12-01T06:00:00Z end=2026-12-04T18:00:00Z";

    /** Each row: codes as counter:command on one meter, in any order, then the counters in entry order. */
    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of(
                        "credit codes go in counter order",
                        List.of("3:" + TOP_UP, "1:" + TOP_UP, "2:" + DEBT),
                        List.of(1L, 2L, 3L)),
                Arguments.of(
                        "a price change goes before older credit",
                        List.of("1:" + TOP_UP, "2:" + SET_CREDIT, "3:" + PRICE),
                        List.of(3L, 1L, 2L)),
                Arguments.of(
                        "price changes keep their own order",
                        List.of("1:" + TOP_UP, "4:" + TOU, "2:" + PRICE),
                        List.of(2L, 4L, 1L)),
                Arguments.of(
                        "a switch to prepayment goes before credit",
                        List.of("1:" + TOP_UP, "2:" + PREPAY),
                        List.of(2L, 1L)),
                Arguments.of(
                        "a switch to credit mode keeps its place: top-ups first",
                        List.of("1:" + TOP_UP, "2:" + CREDIT_MODE),
                        List.of(1L, 2L)),
                Arguments.of(
                        "other settings keep counter order",
                        List.of("2:" + HOLIDAY, "1:" + TOP_UP, "3:" + SET_CREDIT),
                        List.of(1L, 2L, 3L)),
                Arguments.of(
                        "nothing crosses a revert-to-default",
                        List.of("1:" + TOP_UP, "2:" + REVERT, "3:" + TOP_UP, "4:" + PRICE),
                        List.of(1L, 2L, 4L, 3L)),
                Arguments.of(
                        "a price change before a revert stays before it",
                        List.of("1:" + PRICE, "2:" + REVERT, "3:" + TOP_UP),
                        List.of(1L, 2L, 3L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void listsCodesInTheOrderTheyMustBeTyped(String rule, List<String> codes, List<Long> expected) {
        List<WalletCode> shuffled = new ArrayList<>();
        for (String code : codes) {
            shuffled.add(code("0011223344556677", code));
        }
        Collections.reverse(shuffled);

        assertThat(counters(EntryOrder.sort(shuffled))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void eachMeterHasItsOwnOrder() {
        List<WalletCode> codes = List.of(
                code("00000000000000BB", "1:" + TOP_UP),
                code("00000000000000AA", "7:" + TOP_UP),
                code("00000000000000BB", "2:" + PRICE),
                code("00000000000000AA", "5:" + TOP_UP));

        List<WalletCode> sorted = EntryOrder.sort(codes);

        assertThat(sorted.stream().map(c -> c.code().meterId() + ":" + c.code().counter()))
                .containsExactly(
                        "00000000000000AA:5", "00000000000000AA:7", "00000000000000BB:2", "00000000000000BB:1");
    }

    static WalletCode code(String meter, String counterAndCommand) {
        int colon = counterAndCommand.indexOf(':');
        long counter = Long.parseLong(counterAndCommand.substring(0, colon));
        List<String> words = List.of(counterAndCommand.substring(colon + 1).split(" "));
        MeterCommand command = MeterCommand.parse(words.get(0), Parameters.parse(words.subList(1, words.size())));
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        SignedCode signed = new SignedCode(
                "id-" + meter + "-" + counter,
                "demo-energy",
                meter,
                "c",
                command,
                counter,
                List.of(),
                now,
                now.plusSeconds(86_400),
                "kid",
                "envelope");
        return WalletCode.received(signed, now);
    }

    static List<Long> counters(List<WalletCode> codes) {
        return codes.stream().map(c -> c.code().counter()).collect(Collectors.toList());
    }
}
