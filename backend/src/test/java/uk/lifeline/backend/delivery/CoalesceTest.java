package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which claimed deliveries go as one FCM message: a campaign's notice and one code of the same campaign for the
 * same phone; nothing else. Each delivery gets its message's outcome.
 */
class CoalesceTest {

    private final UUID phone = UUID.randomUUID();
    private final UUID otherPhone = UUID.randomUUID();
    private final UUID campaign = UUID.randomUUID();

    private static Dispatcher.Claimed claimed(long id, String type, UUID device, UUID campaign, Duration ttl) {
        Map<String, String> data = type.equals("notice")
                ? Map.of("type", type, "id", "n", "envelope", "notice.jws")
                : Map.of("type", type, "id", "code-" + id, "envelope", "code-" + id + ".jws", "status", "ISSUED");
        return new Dispatcher.Claimed(
                new Push(
                        id,
                        "token-" + device,
                        data,
                        "t",
                        "b",
                        type.equals("notice"),
                        type.equals("notice") ? "notices" : "codes",
                        ttl),
                1,
                device,
                campaign);
    }

    private Dispatcher.Claimed code(long id, UUID device, UUID campaign) {
        return claimed(id, "code", device, campaign, Duration.ofDays(2));
    }

    private Dispatcher.Claimed notice(long id, UUID device, UUID campaign) {
        return claimed(id, "notice", device, campaign, Duration.ofDays(3));
    }

    @Test
    void aNoticeCarriesOneCodeOfItsCampaignForItsPhone() {
        Dispatcher.Coalesced batch = Dispatcher.coalesce(
                List.of(code(1, phone, campaign), code(2, phone, campaign), notice(3, phone, campaign)));

        assertThat(batch.pushes()).extracting(Push::deliveryId).containsExactly(2L, 3L);
        Push both = batch.pushes().get(1);
        assertThat(both.data())
                .containsEntry("type", "notice")
                .containsEntry("envelope", "notice.jws")
                .containsEntry("codeId", "code-1")
                .containsEntry("codeEnvelope", "code-1.jws")
                .containsEntry("codeStatus", "ISSUED");
        assertThat(both.channel()).isEqualTo("notices");
        assertThat(both.highPriority()).isTrue();
        assertThat(both.ttl()).isEqualTo(Duration.ofDays(2));
        assertThat(batch.carried()).containsExactly(Map.entry(3L, 1L));
    }

    @Test
    void aNoticeAndACodeTooLargeForOneFcmMessageGoApart() {
        // A batch-signed code's envelope (about 1,400 characters) and a notice whose words use the 500 characters
        // the form allows, each two bytes in UTF-8 (the worst Welsh letters give), shown in the notification and
        // signed, in base64, in the notice's envelope.
        String words = "ŵ".repeat(500);
        Dispatcher.Claimed notice = new Dispatcher.Claimed(
                new Push(
                        3,
                        "token-" + phone,
                        Map.of("type", "notice", "id", "n", "envelope", "n".repeat(1300 + 1336)),
                        "Tywydd oer iawn",
                        words,
                        true,
                        "notices",
                        Duration.ofDays(3)),
                1,
                phone,
                campaign);
        Dispatcher.Claimed code = new Dispatcher.Claimed(
                new Push(
                        1,
                        "token-" + phone,
                        Map.of("type", "code", "id", "code-1", "envelope", "c".repeat(1400), "status", "ISSUED"),
                        "t",
                        "b",
                        true,
                        "codes",
                        Duration.ofDays(2)),
                1,
                phone,
                campaign);

        Dispatcher.Coalesced batch = Dispatcher.coalesce(List.of(code, notice));

        assertThat(batch.pushes()).extracting(Push::deliveryId).containsExactly(1L, 3L);
        assertThat(batch.pushes().get(1).data()).doesNotContainKey("codeEnvelope");
        assertThat(batch.carried()).isEmpty();
        assertThat(notice.push().fitsFcm()).isTrue();
    }

    @Test
    void aNoticeTooLargeForFcmOnItsOwnIsSentWithItsVisibleWordsCutNotItsEnvelope() {
        // 500 characters of three bytes each, the most the form allows, shown in the notification beside an
        // envelope of about 2,600 characters.
        String words = "\u2019".repeat(500);
        Push notice = new Push(
                3,
                "token",
                Map.of("type", "notice", "id", "n", "envelope", "n".repeat(2600)),
                "Tywydd oer iawn",
                words,
                true,
                "notices",
                Duration.ofDays(3));

        Push sent = notice.fitted();

        assertThat(notice.fitsFcm()).isFalse();
        assertThat(sent.fitsFcm()).isTrue();
        assertThat(sent.data()).isEqualTo(notice.data());
        assertThat(sent.title()).isEqualTo(notice.title());
        assertThat(sent.body()).endsWith("\u2026").hasSizeLessThan(words.length());
        assertThat(words).startsWith(sent.body().substring(0, sent.body().length() - 1));
        Push small = claimed(1, "code", phone, campaign, Duration.ofDays(1)).push();
        assertThat(small.fitted()).isSameAs(small);
    }

    @Test
    void nothingElseIsPaired() {
        UUID another = UUID.randomUUID();
        List<Dispatcher.Claimed> claimed = List.of(
                code(1, otherPhone, campaign),
                code(2, phone, another),
                code(3, phone, null),
                notice(4, phone, campaign),
                notice(5, phone, null),
                code(6, phone, null));

        Dispatcher.Coalesced batch = Dispatcher.coalesce(claimed);

        assertThat(batch.pushes()).extracting(Push::deliveryId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(batch.pushes()).allSatisfy(p -> assertThat(p.data()).doesNotContainKey("codeEnvelope"));
        assertThat(batch.carried()).isEmpty();
    }

    @Test
    void theCarriedCodeHasTheNoticesOutcome() {
        Dispatcher.Coalesced batch = Dispatcher.coalesce(
                List.of(code(1, phone, campaign), notice(2, phone, campaign), code(3, otherPhone, campaign)));

        List<PushOutcome> each = batch.each(List.of(
                PushOutcome.sent(2, "projects/p/messages/9"),
                new PushOutcome(3, PushOutcome.Result.RETRY, null, "UNAVAILABLE", Duration.ofSeconds(30))));

        assertThat(each)
                .containsExactlyInAnyOrder(
                        PushOutcome.sent(2, "projects/p/messages/9"),
                        PushOutcome.sent(1, "projects/p/messages/9"),
                        new PushOutcome(3, PushOutcome.Result.RETRY, null, "UNAVAILABLE", Duration.ofSeconds(30)));
    }
}
