package uk.lifeline.app.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.lifeline.app.delivery.LifelineClient;
import uk.lifeline.app.testing.FakeBackend;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.forecast.DaysLeft;

class CreditDeskTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private final FakeBackend backend = new FakeBackend(new TestSupplier());
    private final CreditDesk desk = new CreditDesk(
            new LifelineClient(backend.url(), () -> FakeBackend.TOKEN), Clock.fixed(NOW, ZoneOffset.UTC));

    CreditDeskTest() throws Exception {}

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void theBackendsWindowBecomesDaysLeftAtThePhonesTimeAndTheSoonestLowMeterIsWarnedAbout() throws Exception {
        backend.serveRunOut("{\"items\":["
                + FakeBackend.runOutItem(
                        "00DB1234567800A1",
                        NOW.plus(Duration.ofHours(50)),
                        NOW.plus(Duration.ofHours(70)),
                        "top-up-history",
                        1234)
                + ","
                + FakeBackend.runOutItem(
                        "00DB1234567800A2", NOW.plus(Duration.ofHours(20)), null, "typical-profile", 300)
                + "," + FakeBackend.runOutItem("00DB1234567800A3", null, null, "typical-profile", 9000)
                + "]}");
        List<MeterCredit> meters = desk.meters();
        assertThat(meters).hasSize(3);
        assertThat(meters.get(0).daysLeft(NOW)).isEqualTo(new DaysLeft(2, 3, false));
        assertThat(meters.get(1).daysLeft(NOW)).isEqualTo(new DaysLeft(0, -1, true));
        assertThat(meters.get(2).daysLeft(NOW)).isNull();
        assertThat(desk.low(meters).meterId()).isEqualTo("00DB1234567800A2");
        assertThat(desk.low(meters.subList(0, 1))).isNull();
        assertThat(backend.requests("GET", "/api/v1/me/run-out").get(0).authorization())
                .isEqualTo("Bearer " + FakeBackend.TOKEN);
    }

    @Test
    void aTypedBalanceIsSentAsPoundsAndACallBackIsAskedFor() throws Exception {
        backend.serveRunOut("{\"items\":["
                + FakeBackend.runOutItem(
                        "00DB1234567800A2",
                        NOW.plus(Duration.ofDays(4)),
                        NOW.plus(Duration.ofDays(6)),
                        "typical-profile",
                        2500)
                + "]}");
        MeterCredit after = desk.report("00DB1234567800A2", "£25");
        assertThat(after.availablePence()).isEqualTo(2500);
        assertThat(backend.requests("POST", "/api/v1/me/meter-readings").get(0).body())
                .isEqualTo("{\"meterId\":\"00DB1234567800A2\",\"balance\":\"25.00\"}");
        desk.askForCallBack("00DB1234567800A2");
        assertThat(backend.requests("POST", "/api/v1/me/call-back").get(0).body())
                .isEqualTo("{\"meterId\":\"00DB1234567800A2\"}");
        assertThatThrownBy(() -> desk.report("00DB1234567800A2", "twelve")).isInstanceOf(BalanceEntry.Refused.class);
        assertThat(backend.requests("POST", "/api/v1/me/meter-readings")).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"12.34|12.34", "£ 5|5.00", "-1.5|-1.50", "7.20CR|7.20", "0|0.00"})
    void whatADisplayShowsIsPounds(String typed, String pounds) {
        assertThat(BalanceEntry.pounds(typed)).isEqualTo(pounds);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "null|EMPTY",
                "' '|EMPTY",
                "12.345|NOT_AN_AMOUNT",
                "1,000|NOT_AN_AMOUNT",
                "1e5|NOT_AN_AMOUNT",
                "12..3|NOT_AN_AMOUNT",
                "9999999|TOO_LARGE"
            })
    void whatNoDisplayShowsIsRefusedWithItsReason(String typed, BalanceEntry.Problem problem) {
        assertThatThrownBy(() -> BalanceEntry.pounds(typed))
                .isInstanceOfSatisfying(
                        BalanceEntry.Refused.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
