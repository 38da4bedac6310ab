package uk.lifeline.backend.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.lifeline.backend.ledger.CodePreview;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/** Every code the API shows says what it does in English and Welsh, in the words the app uses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeWordsApiTest extends BackendTest {

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("words");
    }

    @Test
    void anIssuedCodeSaysWhatItDoesInEnglishAndWelsh() {
        String agent = t.token("agent");

        CodeView code = issue(agent, t.meter1, "top-up", Map.of("amount", "20.00"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();

        assertThat(code.description()).isEqualTo("adds £20.00 credit");
        assertThat(code.descriptionCy()).isEqualTo("ychwanegu £20.00 o gredyd");
        String json = get(agent, "/api/v1/codes/" + code.id())
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(json)
                .contains("\"description\":\"adds £20.00 credit\"")
                .contains("\"descriptionCy\":\"ychwanegu £20.00 o gredyd\"");
    }

    @Test
    void timesInTheWordsNameTheirDateAndZone() {
        String agent = t.token("agent");

        CodeView code = issue(
                        agent,
                        t.meter2,
                        "set-non-disconnect-period",
                        Map.of("start", "2099-06-01T06:00:00Z", "end", "2099-06-10T17:00:00Z"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();

        assertThat(code.description())
                .isEqualTo(
                        "keeps your supply on from Monday 1 June 2099 07:00 BST until Wednesday 10 June 2099 18:00 BST");
        assertThat(code.descriptionCy())
                .isEqualTo("cadw eich cyflenwad ymlaen o ddydd Llun 1 Mehefin 2099 am 07:00"
                        + " BST tan ddydd Mercher 10 Mehefin 2099 am 18:00 BST");
    }

    @Test
    void aPreviewSaysWhatTheCodeWouldDo() {
        CodePreview preview = post(
                        t.token("agent"),
                        "/api/v1/meters/" + t.meter1 + "/codes/preview",
                        Map.of(
                                "command",
                                "change-price",
                                "parameters",
                                Map.of("unit-rate", "27.5", "standing-charge", "60"),
                                "reason",
                                "test"))
                .expectStatus()
                .isOk()
                .expectBody(CodePreview.class)
                .returnResult()
                .getResponseBody();

        assertThat(preview.description())
                .isEqualTo("changes your price to 27.50p per kWh and 60.00p a day standing charge");
        assertThat(preview.descriptionCy())
                .isEqualTo("newid eich pris i 27.50c y kWh, gyda thâl sefydlog o 60.00c y dydd");
    }
}
