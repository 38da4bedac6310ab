package uk.lifeline.backend.delivery;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the push gateway from configuration: FCM with the service account in
 * {@code lifeline.push.credentials-file}, or none (the embedded default), and says which at start-up.
 */
@Configuration
class PushConfig {

    private static final Logger log = LoggerFactory.getLogger(PushConfig.class);

    @Bean
    PushGateway pushGateway(PushProperties properties) {
        if (!properties.configured()) {
            log.warn("Push to phones is OFF. " + NoPushGateway.WHY);
            return new NoPushGateway();
        }
        HttpTransport transport = transport(properties);
        try (InputStream in = Files.newInputStream(properties.credentialsFile())) {
            GoogleCredentials credentials = transport == null
                    ? GoogleCredentials.fromStream(in)
                    : GoogleCredentials.fromStream(in, () -> transport);
            credentials = credentials.createScoped(List.of("https://www.googleapis.com/auth/firebase.messaging"));
            String project =
                    properties.projectId() != null && !properties.projectId().isBlank()
                            ? properties.projectId()
                            : credentials instanceof ServiceAccountCredentials sa ? sa.getProjectId() : null;
            if (project == null) {
                throw new IllegalStateException("set lifeline.push.project-id: the credentials name no project");
            }
            String via = (properties.loopback()
                            ? "through " + properties.endpoint() + " (not Google: a test endpoint) "
                            : "")
                    + "over " + properties.transport().protocol;
            FcmGateway gateway = FcmGateway.create(
                    credentials, project, transport, properties.threads() * properties.dispatchers(), via);
            log.info("Push to phones is ON: {}", gateway.description());
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the FCM service account " + properties.credentialsFile(), e);
        }
    }

    /**
     * How HTTP goes out: to Google on firebase-admin's default transport (HTTP/2; null here) unless HTTP/1.1 is asked
     * for, or to the loopback endpoint on the transport asked for.
     */
    static HttpTransport transport(PushProperties properties) {
        PushProperties.Transport protocol = properties.transport();
        if (!properties.loopback()) {
            return protocol == PushProperties.Transport.HTTP1 ? new NetHttpTransport() : null;
        }
        LoopbackGoogle google = new LoopbackGoogle(properties.endpoint());
        return protocol == PushProperties.Transport.HTTP1 ? google.http1() : google.http2();
    }
}
