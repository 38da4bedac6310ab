package uk.lifeline.backend.reach.sms;

import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

/**
 * Texts on or off, said once at start-up: with {@code lifeline.sms.host} an SMSC; with {@code demo-smsc} (the
 * embedded default) a loopback SMSC started here; with neither, texts are off and stay queued.
 */
@Configuration
@EnableConfigurationProperties(SmsProperties.class)
class SmsConfig {

    private static final Logger log = LoggerFactory.getLogger(SmsConfig.class);

    /** The texts channel: the sender when configured, and the demo's SMSC when it runs. */
    record Texts(SmsSender sender, LoopbackSmsc demo) implements AutoCloseable {
        @Override
        public void close() {
            if (sender != null) {
                sender.close();
            }
            if (demo != null) {
                demo.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    Texts texts(SmsProperties config, SmsMessages messages, TextReplies replies, Clock clock) throws IOException {
        if (!config.configured()) {
            log.warn("Text messages are OFF: no SMSC is configured (lifeline.sms.host); texts stay queued.");
            return new Texts(null, null);
        }
        LoopbackSmsc demo = null;
        SmsProperties used = config;
        if (config.demoSmsc() && (config.host() == null || config.host().isBlank())) {
            demo = demoSmsc(config.demoPort());
            used = config.withDemoPort(demo.port());
            log.warn(
                    "Text messages go to the demo's loopback SMSC on 127.0.0.1:{}: no phone receives them"
                            + " (see the demo phones page).",
                    demo.port());
        } else {
            log.info("Text messages are ON: {}", config);
        }
        return new Texts(new SmsSender(used, messages, replies, clock), demo);
    }

    /** The demo's SMSC on its port, or on any free one when that is taken (another backend on this machine). */
    private static LoopbackSmsc demoSmsc(int port) throws IOException {
        try {
            return new LoopbackSmsc(port);
        } catch (java.net.BindException e) {
            int free;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                free = probe.getLocalPort();
            }
            log.warn("Port {} is taken: the demo's loopback SMSC takes port {} instead", port, free);
            return new LoopbackSmsc(free);
        }
    }

    @EventListener(ContextRefreshedEvent.class)
    void start(ContextRefreshedEvent event) {
        Texts texts = event.getApplicationContext().getBean(Texts.class);
        if (texts.sender() != null) {
            texts.sender().start();
        }
    }
}
