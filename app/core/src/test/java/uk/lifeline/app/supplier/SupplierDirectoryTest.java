package uk.lifeline.app.supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import uk.lifeline.app.testing.TestSupplier;

class SupplierDirectoryTest {

    final TestSupplier supplier = new TestSupplier();

    @Test
    void aSignedConfigurationGivesTheSuppliersWordsNumbersAndAnchor() {
        SupplierDirectory directory =
                SupplierDirectory.parse("# demo\n" + supplier.configLine("https://lifeline.example") + "\n", false);

        SupplierConfig config = directory.find("demo-energy");
        assertThat(directory.service()).isEqualTo("https://lifeline.example");
        assertThat(config.name()).isEqualTo("Demo Energy");
        assertThat(config.phone()).isEqualTo("0800 123 4567");
        assertThat(config.offSupplyPhone()).isEqualTo("0800 123 4000");
        assertThat(config.hours("cy")).startsWith("Dydd Llun");
        assertThat(config.hours("fr")).startsWith("Monday");
        assertThat(config.anchor().anchors()).singleElement().satisfies(a -> assertThat(a.toJSONString())
                .isEqualTo(supplier.anchorKey().toPublicJWK().toJSONString()));
        assertThat(directory.find("other-energy")).isNull();
    }

    @Test
    void aReleaseTakesOnlyAnHttpsService() {
        String plain = supplier.configLine("http://10.0.2.2:8080");

        assertThatThrownBy(() -> SupplierDirectory.parse(plain, false)).hasMessageContaining("not HTTPS");
        assertThat(SupplierDirectory.parse(plain, true).service()).isEqualTo("http://10.0.2.2:8080");
    }

    @Test
    void aConfigurationChangedAfterSigningIsRefused() {
        String[] parts = supplier.configLine("https://lifeline.example").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("0800 123 4567", "0900 666 6666");
        String changed = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        assertThatThrownBy(() -> SupplierDirectory.parse(changed, false)).hasMessageContaining("not signed");
    }

    @Test
    void aConfigurationSignedByAKeyItDoesNotListIsRefused() {
        ECKey listed = TestSupplier.newKey("demo-energy-20260101-a0a0a0a0");
        ECKey signer = TestSupplier.newKey("demo-energy-20260101-a0a0a0a0");
        String line = TestSupplier.configLine("demo-energy", "Demo Energy", "https://x.example", listed);
        String[] parts = line.split("\\.");
        String forged = TestSupplier.configLine("demo-energy", "Demo Energy", "https://x.example", signer);

        assertThat(parts).hasSize(3);
        assertThatThrownBy(
                        () -> SupplierDirectory.parse(parts[0] + "." + parts[1] + "." + forged.split("\\.")[2], false))
                .hasMessageContaining("not signed");
    }

    @Test
    void oneAppTalksToOneServiceAndKnowsEachSupplierOnce() {
        String a = supplier.configLine("https://one.example");
        String b = TestSupplier.configLine(
                "other-energy", "Other", "https://two.example", TestSupplier.newKey("other-energy-20260101-c0c0c0c0"));

        assertThatThrownBy(() -> SupplierDirectory.parse(a + "\n" + b, false)).hasMessageContaining("one Lifeline");
        assertThatThrownBy(() -> SupplierDirectory.parse(a + "\n" + a, false)).hasMessageContaining("twice");
        assertThatThrownBy(() -> SupplierDirectory.parse("\n# nothing\n", false))
                .hasMessageContaining("no supplier");
    }

    @Test
    void keypadGuidesComeFromTheSignedConfigurationInBothLanguages() {
        supplier.keypads(java.util.List.of(
                TestSupplier.keypadGuide(
                        "Display A", "Press Menu, then Top up.", "Pwyswch Dewislen, yna Ychwanegu credyd."),
                TestSupplier.keypadGuide("Meter B", "Press A, then 9.", "Pwyswch A, yna 9.")));

        SupplierConfig config = supplier.directory("https://lifeline.example").find("demo-energy");

        assertThat(config.keypads()).extracting(KeypadGuide::model).containsExactly("Display A", "Meter B");
        assertThat(config.keypad("Meter B").steps("cy")).isEqualTo("Pwyswch A, yna 9.");
        assertThat(config.keypad("Meter B").steps("fr")).isEqualTo("Press A, then 9.");
        assertThat(config.keypad("Meter C")).isNull();
    }

    @Test
    void aConfigurationWithoutKeypadGuidesHasNone() {
        assertThat(supplier.directory("https://lifeline.example").first().keypads())
                .isEmpty();
    }

    @Test
    void aKeypadGuideWithoutWelshIsRefused() {
        supplier.keypads(java.util.List.of(TestSupplier.keypadGuide("Display A", "Press Menu.", null)));

        assertThatThrownBy(() -> supplier.directory("https://lifeline.example"))
                .hasMessageContaining("Display A's guidance (cy)");
    }

    @Test
    void twoGuidesForOneModelOrControlCharactersOrTooManyGuidesAreRefused() {
        supplier.keypads(java.util.List.of(
                TestSupplier.keypadGuide("Display A", "a", "a"), TestSupplier.keypadGuide("Display A", "b", "b")));
        assertThatThrownBy(() -> supplier.directory("https://lifeline.example"))
                .hasMessageContaining("two keypad guides for Display A");

        supplier.keypads(java.util.List.of(TestSupplier.keypadGuide("Display\u0000A", "a", "a")));
        assertThatThrownBy(() -> supplier.directory("https://lifeline.example"))
                .hasMessageContaining("control character");

        supplier.keypads(java.util.Collections.nCopies(
                SupplierDirectory.MOST_KEYPADS + 1, TestSupplier.keypadGuide("X", "a", "a")));
        assertThatThrownBy(() -> supplier.directory("https://lifeline.example"))
                .hasMessageContaining("at most " + SupplierDirectory.MOST_KEYPADS);

        supplier.keypads(java.util.List.of(
                TestSupplier.keypadGuide("Display A", "a".repeat(KeypadGuide.LONGEST_STEPS + 1), "a")));
        assertThatThrownBy(() -> supplier.directory("https://lifeline.example")).hasMessageContaining("longer than");
    }
}
