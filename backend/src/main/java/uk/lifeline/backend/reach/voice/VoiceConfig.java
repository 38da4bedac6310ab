package uk.lifeline.backend.reach.voice;

import com.twilio.http.TwilioRestClient;
import java.time.Clock;
import org.apache.http.impl.client.HttpClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import uk.lifeline.backend.reach.CodeDesk;
import uk.lifeline.backend.reach.ladder.Ladder;

/** The Twilio client and the call sender, made only when voice calls are ON ({@link VoiceSetup}). */
@Configuration
class VoiceConfig {

    /** The sender, when there is one. */
    record Sender(VoiceSender sender) implements AutoCloseable {
        @Override
        public void close() {
            if (sender != null) {
                sender.close();
            }
        }
    }

    @Bean
    TwilioTransport twilioTransport() {
        return HttpClientBuilder::create;
    }

    @Bean(destroyMethod = "close")
    Sender voiceSender(
            VoiceSetup setup, VoiceCalls calls, CodeDesk codes, Ladder ladder, TwilioTransport transport, Clock clock) {
        if (setup.mode() != VoiceSetup.Mode.ON) {
            return new Sender(null);
        }
        VoiceProperties config = setup.config();
        TwilioRestClient twilio = new TwilioRestClient.Builder(config.accountSid(), config.authToken())
                .httpClient(transport.client())
                .build();
        return new Sender(new VoiceSender(setup, calls, codes, ladder, twilio, clock));
    }

    @EventListener(ContextRefreshedEvent.class)
    void start(ContextRefreshedEvent event) {
        Sender sender = event.getApplicationContext().getBean(Sender.class);
        if (sender.sender() != null) {
            sender.sender().start();
        }
    }
}
