package uk.lifeline.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushMessageTest {

    @Test
    void aCodeMessageCarriesItsEnvelope() {
        PushMessage m = PushMessage.parse(Map.of("type", "code", "id", "c1", "envelope", "a.b.c"));

        assertThat(m).isEqualTo(new PushMessage("code", "c1", "a.b.c", null));
    }

    @Test
    void aCampaignNoticeMayCarryTheCodeForTheSameMeter() {
        PushMessage m = PushMessage.parse(Map.of(
                "type",
                "notice",
                "id",
                "n1",
                "envelope",
                "n.n.n",
                "codeId",
                "c1",
                "codeEnvelope",
                "a.b.c",
                "codeStatus",
                "ISSUED"));

        assertThat(m)
                .isEqualTo(new PushMessage(
                        "notice", "n1", "n.n.n", null, new PushMessage("code", "c1", "a.b.c", "ISSUED")));
        assertThat(PushMessage.parse(Map.of("type", "notice", "id", "n1", "envelope", "n.n.n"))
                        .code())
                .isNull();
        // Only a notice carries a code: on any other message the members mean nothing.
        assertThat(PushMessage.parse(Map.of("type", "code", "id", "c2", "envelope", "x.y.z", "codeEnvelope", "a.b.c"))
                        .code())
                .isNull();
    }

    @Test
    void aStatusMessageCarriesIdAndStatus() {
        assertThat(PushMessage.parse(Map.of("type", "status", "id", "c1", "status", "CANCELLED"))
                        .status())
                .isEqualTo("CANCELLED");
    }

    @Test
    void aStreamEventIsReadAsTheSameMessage() {
        PushMessage m = PushMessage.of(new ServerSentEvent(
                "code", "{\"id\":\"c1\",\"status\":\"ISSUED\"," + "\"envelope\":\"a.b.c\",\"counter\":7}", "9"));

        assertThat(m).isEqualTo(new PushMessage("code", "c1", "a.b.c", "ISSUED"));
        assertThat(PushMessage.of(new ServerSentEvent("sync", "{}", null)).kind())
                .isEqualTo(PushMessage.SYNC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "notice"})
    void anEnvelopeMessageWithoutItsEnvelopeIsRefused(String type) {
        assertThatThrownBy(() -> PushMessage.parse(Map.of("type", type, "id", "c1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("envelope");
    }

    @Test
    void unknownOrMissingTypesAreRefused() {
        assertThatThrownBy(() -> PushMessage.parse(Map.of("type", "top-up-now")))
                .hasMessageContaining("top-up-now");
        assertThatThrownBy(() -> PushMessage.parse(Map.of("envelope", "a.b.c"))).hasMessageContaining("type");
        assertThatThrownBy(() -> PushMessage.parse(Map.of("type", "status", "id", "c1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushMessage.of(new ServerSentEvent("code", "[1,2]", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
