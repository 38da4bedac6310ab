package uk.lifeline.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamParserTest {

    static List<ServerSentEvent> parse(String stream) {
        EventStreamParser parser = new EventStreamParser();
        List<ServerSentEvent> events = new ArrayList<>();
        for (String line : stream.split("\n", -1)) {
            ServerSentEvent e = parser.line(line);
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    @Test
    void readsNamedEventsWithIds() {
        List<ServerSentEvent> events =
                parse("id: 41\nevent: code\ndata: {\"id\":\"a\"}\n\nevent: notice\ndata: {}\n\n");

        assertThat(events)
                .containsExactly(
                        new ServerSentEvent("code", "{\"id\":\"a\"}", "41"), new ServerSentEvent("notice", "{}", "41"));
    }

    @Test
    void joinsDataLinesAndSkipsComments() {
        assertThat(parse(": keep-alive\ndata:first\ndata: second\n\n"))
                .containsExactly(new ServerSentEvent("message", "first\nsecond", null));
    }

    @Test
    void anEventWithoutDataIsNotDispatched() {
        assertThat(parse("event: code\n\n: ping\n\n")).isEmpty();
    }

    @Test
    void keepsTheRetryDelay() {
        EventStreamParser parser = new EventStreamParser();
        parser.line("retry: 5000");
        parser.line("retry: soon");

        assertThat(parser.retryMillis()).isEqualTo(5000);
    }
}
