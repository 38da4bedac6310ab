package uk.lifeline.backend.reach.sms;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** The demo's loopback SMSC when it runs ({@code lifeline.sms.demo-smsc}), for the demo phones page. Thread-safe. */
@Component
public class DemoSmsc {

    private final SmsConfig.Texts texts;

    DemoSmsc(SmsConfig.Texts texts) {
        this.texts = texts;
    }

    public Optional<LoopbackSmsc> running() {
        return Optional.ofNullable(texts.demo());
    }
}
