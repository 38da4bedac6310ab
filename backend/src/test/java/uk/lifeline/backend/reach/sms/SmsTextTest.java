package uk.lifeline.backend.reach.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.reach.CodeFacts;
import uk.lifeline.words.Language;

class SmsTextTest {

    private static CodeFacts code(String supplier, List<String> blocks, Instant expires) {
        return new CodeFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                supplier,
                "0800 000 0000",
                true,
                "00A1",
                blocks,
                "keeps your supply on",
                "cadw eich cyflenwad ymlaen",
                expires,
                null);
    }

    @Test
    void anEnglishCodeTextSaysWhoWhichMeterTheCodeWhatUntilWhenAndTheNumberInOneGsmPart() {
        List<SmsBody> texts = SmsText.forCode(
                code("Bright Energy", List.of("73943333457189043313"), Instant.parse("2026-12-04T09:00:00Z")),
                Language.ENGLISH);
        String all = String.join("\n", texts.stream().map(SmsBody::text).toList());
        assertThat(texts.get(0).encoding()).isEqualTo(SmsBody.Encoding.GSM7);
        assertThat(texts.get(0).text())
                .startsWith(
                        "Bright Energy: Code for your electricity meter ..00A1: "
                                + "7394 3333 4571 8904 3313. It keeps your supply on. Valid until 4 Dec 09:00 GMT. Help 0800 000 0000.");
        assertThat(all).contains("DONE", "AGAIN", "HELP").doesNotContain("http", "www");
        texts.forEach(t -> assertThat(t.octets().length).isLessThanOrEqualTo(160));
    }

    @Test
    void summerTimesSayBst() {
        assertThat(SmsText.when(Instant.parse("2027-07-01T08:00:00Z"), Language.ENGLISH))
                .isEqualTo("1 Jul 09:00 BST");
        assertThat(SmsText.when(Instant.parse("2027-07-01T08:00:00Z"), Language.WELSH))
                .isEqualTo("1 Gorff 09:00 BST");
    }

    @Test
    void aWelshTextGoesAsUcs2OnlyWhereItNeedsItAndEachPartFits() {
        List<SmsBody> texts = SmsText.forCode(
                code("Ynni Gŵyr", List.of("73943333457189043313"), Instant.parse("2026-12-04T09:00:00Z")),
                Language.WELSH);
        assertThat(texts).hasSize(2);
        SmsBody first = texts.get(0);
        assertThat(first.encoding()).isEqualTo(SmsBody.Encoding.UCS2);
        assertThat(first.text()).startsWith("Ynni Gŵyr: ").hasSizeLessThanOrEqualTo(70);
        assertThat(new String(first.octets(), StandardCharsets.UTF_16BE)).isEqualTo(first.text());
        assertThat(texts.get(1).encoding()).isEqualTo(SmsBody.Encoding.GSM7);
        String all = String.join("\n", texts.stream().map(SmsBody::text).toList());
        assertThat(all)
                .contains(
                        "mesurydd trydan ..00A1",
                        "7394 3333 4571 8904 3313",
                        "Dilys tan 4 Rhag 09:00 GMT",
                        "ETO",
                        "WEDI",
                        "CYMORTH",
                        "0800 000 0000");
    }

    @Test
    void aSixtyDigitCodeGoesBlockByBlockEachInOnePart() {
        List<SmsBody> texts = SmsText.forCode(
                code(
                        "Bright Energy",
                        List.of("11112222333344445555", "66667777888899990000", "12341234123412341234"),
                        Instant.parse("2026-12-04T09:00:00Z")),
                Language.ENGLISH);
        String all = String.join("\n", texts.stream().map(SmsBody::text).toList());
        assertThat(all).contains("Part 1 of 3: 1111 2222 3333 4444 5555.", "Part 3 of 3: 1234 1234");
        texts.forEach(t -> assertThat(SmsBody.fits(t.text())).isTrue());
    }

    @Test
    void gsmExtensionCharactersCountTwiceAndRoundTrip() {
        String s = "€".repeat(80);
        assertThat(SmsBody.onePart(s).orElseThrow().encoding()).isEqualTo(SmsBody.Encoding.GSM7);
        assertThat(SmsBody.onePart(s + "€")).isEmpty();
        SmsBody b = SmsBody.onePart("Prisiau [newydd] £5 @ 10% ~ à").orElseThrow();
        assertThat(SmsBody.decode(b.octets(), false)).isEqualTo(b.text());
        assertThat(SmsBody.onePart("a".repeat(161))).isEmpty();
        assertThat(SmsBody.onePart("ŵ".repeat(70)).orElseThrow().encoding()).isEqualTo(SmsBody.Encoding.UCS2);
        assertThat(SmsBody.onePart("ŵ".repeat(71))).isEmpty();
    }

    @Test
    void bothLanguagesReplyWordsAreReadInAnyCase() {
        assertThat(ReplyWord.read("again")).contains(ReplyWord.AGAIN);
        assertThat(ReplyWord.read(" Eto ")).contains(ReplyWord.AGAIN);
        assertThat(ReplyWord.read("wedi, diolch")).contains(ReplyWord.DONE);
        assertThat(ReplyWord.read("CYMORTH!")).contains(ReplyWord.HELP);
        assertThat(ReplyWord.read("stopio")).contains(ReplyWord.STOP);
        assertThat(ReplyWord.read("what is this")).isEmpty();
        assertThat(ReplyWord.read("")).isEmpty();
    }
}
