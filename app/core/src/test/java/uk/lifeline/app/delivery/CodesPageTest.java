package uk.lifeline.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodesPageTest {

    /** The backend's CodeView members, as GET /api/v1/me/codes sends them. */
    @Test
    void readsTheBackendsPage() {
        CodesPage page = CodesPage.parse("{\"items\":[{\"id\":\"3f1c\",\"meterId\":\"0011223344556677\","
                + "\"command\":\"top-up\",\"parameters\":{\"amount\":\"20.00\"},\"status\":\"ISSUED\",\"counter\":7,"
                + "\"blocks\":1,\"digits\":[\"7394 3333 4571 8904 3313\"],\"issuedAt\":\"2026-12-01T09:00:00Z\","
                + "\"envelope\":\"a.b.c\"},{\"id\":\"9a2b\",\"status\":\"PENDING_APPROVAL\",\"counter\":6}],"
                + "\"nextCursor\":\"MjAyNi0xMi0wMVQwOTowMDowMFp8M2YxYw\"}");

        assertThat(page.items())
                .containsExactly(
                        new CodeItem("3f1c", "ISSUED", "a.b.c"), new CodeItem("9a2b", "PENDING_APPROVAL", null));
        assertThat(page.nextCursor()).isEqualTo("MjAyNi0xMi0wMVQwOTowMDowMFp8M2YxYw");
    }

    @Test
    void theLastPageHasNoCursor() {
        assertThat(CodesPage.parse("{\"items\":[]}").nextCursor()).isNull();
    }

    @Test
    void refusesWhatIsNotAPage() {
        assertThatThrownBy(() -> CodesPage.parse("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodesPage.parse("{\"items\":[{\"status\":\"ISSUED\"}]}"))
                .hasMessageContaining("id");
        assertThatThrownBy(() -> CodesPage.parse("{\"items\":{}}")).hasMessageContaining("array");
    }
}
