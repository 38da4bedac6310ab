package uk.lifeline.backend.reach.voice;

import java.util.UUID;

/**
 * Where Twilio posts, as full public URLs: the signature of each webhook covers exactly this URL, so a request
 * replayed to another of these addresses is refused. Immutable.
 */
record Webhooks(String base) {

    static final String PREFIX = "/api/v1/voice";

    String opening(UUID call) {
        return base + PREFIX + "/calls/" + call + "/opening";
    }

    String keys(UUID call) {
        return base + PREFIX + "/calls/" + call + "/keys";
    }

    String status(UUID call) {
        return base + PREFIX + "/calls/" + call + "/status";
    }

    String inbound() {
        return base + PREFIX + "/inbound";
    }

    String inboundStatus() {
        return base + PREFIX + "/inbound/status";
    }

    String pin() {
        return base + PREFIX + "/inbound/pin";
    }
}
