package uk.lifeline.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lifeline.testing.Examples;

/** Each parameter's spec is the range its command enforces: the words it states are the words a refusal uses. */
class ParameterSpecTest {

    @Test
    void everyCommandListsExactlyTheParametersItTakes() {
        for (CommandType type : CommandType.values()) {
            List<String> names = new ArrayList<>();
            type.parameters().forEach(p -> names.add(p.name()));
            IllegalArgumentException refused = catchThrowableOfType(
                    IllegalArgumentException.class,
                    () -> type.fromParameters(Parameters.of(Parameters.ordered("colour", "red"))));
            assertThat(refused).as(type.commandName()).hasMessageContaining("does not take colour");
            if (!names.isEmpty()) {
                assertThat(refused.getMessage()).endsWith("it takes " + String.join(", ", names));
            }
            assertThat(type.label()).isNotBlank();
        }
    }

    @Test
    void rangesAreWrittenAsTheParameterIsWritten() {
        ParameterSpec amount = CommandType.TOP_UP.parameters().get(0);
        assertThat(amount.kind()).isEqualTo(ParameterSpec.Kind.CREDIT);
        assertThat(amount.min()).isEqualTo("0.01");
        assertThat(amount.max()).isEqualTo("8191.00");
        assertThat(amount.wholePoundsAbove()).isEqualTo("81.91");
        assertThat(amount.decimals()).isEqualTo(2);
        assertThat(amount.unit()).isEqualTo("£");

        ParameterSpec rate = CommandType.CHANGE_PRICE.parameters().get(0);
        assertThat(rate.min()).isEqualTo("0.000");
        assertThat(rate.max()).isEqualTo("262.143");
        assertThat(rate.decimals()).isEqualTo(3);
        assertThat(rate.unit()).isEqualTo("p/kWh");

        ParameterSpec from = CommandType.CHANGE_PRICE.parameters().get(2);
        assertThat(from.isOptional()).isTrue();
        assertThat(from.min()).isEqualTo("2024-01-02");
        assertThat(from.max()).isEqualTo(CodeTime.LAST_DATE.toString());
        assertThat(from.decimals()).isEqualTo(-1);
    }

    @Test
    void theStatedRangeIsTheOneARefusalGives() {
        assertThat(refusal("top-up amount=0").allowed()).isEqualTo(CommandParameters.CREDIT_AMOUNT.allowed());
        assertThat(refusal("set-credit balance=-1").allowed()).isEqualTo(CommandParameters.BALANCE.allowed());
        assertThat(refusal("add-debt register=time-based-1 amount=0").allowed()).isEqualTo("0.01 to 10485.75 pounds");
        assertThat(refusal("set-debt register=payment-based amount=1 percent=101")
                        .allowed())
                .isEqualTo("0 to 100");
        assertThat(refusal("open-han device=ihd minutes=1441").allowed()).isEqualTo("1 to 1440");
        assertThat(refusal("set-friendly-credit-period slot=0 start=10:00 end=12:00 days=all")
                        .allowed())
                .isEqualTo("1 to 4");
        assertThat(refusal("change-mode mode=free").allowed()).isEqualTo("one of credit, prepayment");
        assertThat(refusal("set-debt register=time-based-1 amount=1 rate=1 period=percent-of-top-up")
                        .allowed())
                .isEqualTo("one of per-day, per-hour");
    }

    @Test
    void choicesAreTheEnumsValuesWrittenAsParameters() {
        ParameterSpec device = CommandParameters.DEVICE;
        assertThat(device.choices())
                .extracting(ParameterSpec.Choice::value)
                .containsExactly("ppmid", "ihd", "cad", "any");
        assertThat(Examples.parse("open-han device=IHD minutes=5")).isEqualTo(new OpenHan(OpenHan.Device.IHD, 5));
        ParameterSpec debtRate = CommandParameters.DEBT_RATE;
        assertThat(debtRate.onlyWhen().parameter()).isEqualTo("register");
        assertThat(debtRate.onlyWhen().values()).containsExactly("time-based-1", "time-based-2");
        assertThat(CommandParameters.SLOT.choices())
                .extracting(ParameterSpec.Choice::label)
                .containsExactly("Slot 1", "Slot 2", "Slot 3", "Slot 4");
    }

    private static ParameterOutOfRangeException refusal(String line) {
        return catchThrowableOfType(ParameterOutOfRangeException.class, () -> Examples.parse(line));
    }
}
