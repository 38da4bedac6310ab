package uk.lifeline.backend.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.lifeline.backend.command.CommandCatalog.Command;
import uk.lifeline.backend.command.CommandCatalog.Parameter;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.ParameterOutOfRangeException;
import uk.lifeline.command.ParameterSpec;
import uk.lifeline.command.Parameters;

/**
 * {@code GET /api/v1/commands} serves what {@code shared} enforces: for every command and parameter, the values
 * at the ends of the range it states are taken by shared's commands, one step beyond is refused with the same
 * range in words, and every choice it lists is taken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandCatalogTest extends BackendTest {

    /** One valid example per command (two for set-debt, whose parameters depend on the register). */
    private static final List<String> EXAMPLES = List.of(
            "top-up amount=10",
            "deduct-credit amount=1",
            "set-credit balance=5",
            "add-debt register=time-based-1 amount=5",
            "deduct-debt register=time-based-2 amount=5",
            "set-debt register=time-based-1 amount=50 rate=1 period=per-day",
            "set-debt register=payment-based amount=50 percent=10",
            "change-price unit-rate=24.5 standing-charge=60 from=2027-04-01",
            "change-time-of-use-price peak-rate=30 off-peak-rate=10 off-peak-start=23:30 off-peak-end=06:30"
                    + " standing-charge=50 from=2027-04-01",
            "set-friendly-credit-period slot=2 start=16:00 end=10:00 days=weekdays bank-holidays=true",
            "set-non-disconnect-period start=2027-01-10T06:00:00Z end=2027-01-11T06:00:00Z",
            "open-han device=ppmid minutes=30",
            "change-mode mode=credit",
            "revert-to-default");

    private Tenant t;
    private CommandCatalog catalog;

    @BeforeAll
    void fetch() {
        t = tenant("catalog");
        catalog = get(token("agent"), "/api/v1/commands")
                .expectStatus()
                .isOk()
                .expectBody(CommandCatalog.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void listsEveryCommandOfSharedInOrderWithItsBlocks() {
        assertThat(catalog.commands())
                .extracting(Command::name)
                .containsExactlyElementsOf(Arrays.stream(CommandType.values())
                        .map(CommandType::commandName)
                        .toList());
        for (Command c : catalog.commands()) {
            CommandType type = CommandType.ofName(c.name());
            assertThat(c.blocks()).as(c.name()).isEqualTo(type.blocks());
            assertThat(c.digits()).as(c.name()).isEqualTo(type.blocks() * 20);
            assertThat(c.label()).as(c.name()).isEqualTo(type.label()).isNotBlank();
            assertThat(c.parameters())
                    .extracting(Parameter::name)
                    .as(c.name())
                    .containsExactlyElementsOf(
                            type.parameters().stream().map(ParameterSpec::name).toList());
        }
    }

    @Test
    void everyParameterTheCatalogListsIsOneSharedTakesAndNoOther() {
        for (Command c : catalog.commands()) {
            Map<String, String> values = example(c.name(), null);
            values.put("colour", "red");
            IllegalArgumentException refused =
                    catchThrowableOfType(IllegalArgumentException.class, () -> parse(c.name(), values));
            assertThat(refused).as(c.name()).hasMessageContaining("does not take colour");
            for (Parameter p : c.parameters()) {
                assertThat(refused.getMessage()).as(c.name()).contains(p.name());
            }
        }
    }

    @Test
    void theEndsOfEveryNumericRangeAreTakenAndOneStepBeyondIsRefusedInTheSameWords() {
        int checked = 0;
        for (Command c : catalog.commands()) {
            for (Parameter p : c.parameters()) {
                if (p.decimals() == null) {
                    continue;
                }
                BigDecimal step = BigDecimal.ONE.movePointLeft(p.decimals());
                assertTaken(c, p, p.min());
                assertTaken(c, p, p.max());
                assertRefused(c, p, new BigDecimal(p.max()).add(step).toPlainString());
                if (!"price".equals(p.kind())) { // a negative price is not a price at all (UnitPrice refuses it)
                    assertRefused(c, p, new BigDecimal(p.min()).subtract(step).toPlainString());
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(15);
    }

    @Test
    void creditAmountsAboveThePenceRangeMustBeWholePounds() {
        for (Command c : catalog.commands()) {
            for (Parameter p : c.parameters()) {
                if ("credit".equals(p.kind())) {
                    assertTaken(c, p, p.wholePoundsAbove());
                    assertRefused(
                            c,
                            p,
                            new BigDecimal(p.wholePoundsAbove())
                                    .add(new BigDecimal("0.01"))
                                    .toPlainString());
                    assertTaken(
                            c,
                            p,
                            new BigDecimal(p.wholePoundsAbove())
                                    .setScale(0, java.math.RoundingMode.UP)
                                    .toPlainString());
                }
            }
        }
    }

    @Test
    void everyChoiceIsTakenAndAnythingElseIsRefusedInTheSameWords() {
        for (Command c : catalog.commands()) {
            for (Parameter p : c.parameters()) {
                if (p.choices() == null || "days".equals(p.kind())) {
                    continue;
                }
                for (CommandCatalog.Choice choice : p.choices()) {
                    assertTaken(c, p, choice.value());
                    assertThat(choice.label()).isNotBlank();
                }
                if ("choice".equals(p.kind())) {
                    assertRefused(c, p, "nonsense");
                }
            }
        }
    }

    @Test
    void datesAndInstantsSpanWhatTheCodeCanCarry() {
        Command price = command("change-price");
        Parameter from = parameter(price, "from");
        assertThat(from.optional()).isTrue();
        assertTaken(price, from, from.min());
        assertTaken(price, from, from.max());
        assertRefused(
                price, from, java.time.LocalDate.parse(from.min()).minusDays(1).toString());
        assertRefused(
                price, from, java.time.LocalDate.parse(from.max()).plusDays(1).toString());

        Command period = command("set-non-disconnect-period");
        Parameter start = parameter(period, "start");
        Map<String, String> first = example(period.name(), null);
        first.put("start", start.min());
        first.put("end", java.time.Instant.parse(start.min()).plusSeconds(86400).toString());
        assertThat(parse(period.name(), first).parameters()).containsEntry("start", start.min());
        Map<String, String> early = new LinkedHashMap<>(first);
        early.put(
                "start", java.time.Instant.parse(start.min()).minusSeconds(900).toString());
        ParameterOutOfRangeException refused =
                catchThrowableOfType(ParameterOutOfRangeException.class, () -> parse(period.name(), early));
        assertThat(refused.parameter()).isEqualTo("start");
        assertThat(refused.allowed()).isEqualTo(start.allowed());
    }

    @Test
    void onlyStaffReadTheCatalog() {
        get(null, "/api/v1/commands").expectStatus().isUnauthorized();
        get(token("customer1"), "/api/v1/commands").expectStatus().isForbidden();
        for (String staff : List.of("agent", "supervisor", "ops", "admin")) {
            get(token(staff), "/api/v1/commands").expectStatus().isOk();
        }
    }

    // Helpers

    /** Signs in with the long timeout of BackendTest.post: a first sign-in on a busy machine can take seconds. */
    private String token(String name) {
        return (String)
                post(null, "/api/v1/auth/token", Map.of("username", t.username(name), "password", Tenant.PASSWORD))
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("access_token");
    }

    private void assertTaken(Command c, Parameter p, String value) {
        Map<String, String> values = exampleWith(c.name(), p, value);
        values.put(p.name(), value);
        MeterCommand made = parse(c.name(), values);
        assertThat(made.type().commandName()).isEqualTo(c.name());
    }

    private void assertRefused(Command c, Parameter p, String value) {
        Map<String, String> values = example(c.name(), p);
        values.put(p.name(), value);
        ParameterOutOfRangeException refused =
                catchThrowableOfType(ParameterOutOfRangeException.class, () -> parse(c.name(), values));
        assertThat(refused).as(c.name() + " " + p.name() + "=" + value).isNotNull();
        assertThat(refused.parameter()).isEqualTo(p.name());
        assertThat(refused.allowed())
                .as(c.name() + " " + p.name() + "=" + value)
                .isEqualTo(p.allowed());
    }

    /** The command's example where {@code p} already has {@code value} (a register others depend on), or else one with p. */
    private static Map<String, String> exampleWith(String command, Parameter p, String value) {
        for (String line : EXAMPLES) {
            List<String> words = List.of(line.split(" "));
            if (words.get(0).equals(command) && words.contains(p.name() + "=" + value)) {
                return new LinkedHashMap<>(
                        Parameters.parse(words.subList(1, words.size())).asMap());
            }
        }
        return example(command, p);
    }

    /** The command's example whose parameters include {@code p}'s name (or the first one). */
    private static Map<String, String> example(String command, Parameter p) {
        for (String line : EXAMPLES) {
            List<String> words = List.of(line.split(" "));
            if (words.get(0).equals(command)) {
                Map<String, String> values = new LinkedHashMap<>(
                        Parameters.parse(words.subList(1, words.size())).asMap());
                if (p == null || values.containsKey(p.name())) {
                    return values;
                }
            }
        }
        throw new AssertionError("no example of " + command + " with " + p.name());
    }

    private static MeterCommand parse(String command, Map<String, String> values) {
        return CommandType.ofName(command).fromParameters(Parameters.of(values));
    }

    private Command command(String name) {
        return catalog.commands().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Parameter parameter(Command c, String name) {
        return c.parameters().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
