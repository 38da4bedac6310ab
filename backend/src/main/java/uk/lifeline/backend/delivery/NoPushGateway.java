package uk.lifeline.backend.delivery;

import java.util.List;

/** The embedded default: no FCM credentials, so nothing is pushed; phones pull and stream. Stateless. */
final class NoPushGateway implements PushGateway {

    static final String WHY = "FCM is not configured (lifeline.push.credentials-file is empty): nothing is pushed;"
            + " the app gets codes and notices by pulling GET /api/v1/me/codes and /api/v1/me/notices and from the"
            + " stream GET /api/v1/me/stream";

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public String description() {
        return WHY;
    }

    @Override
    public List<PushOutcome> send(List<Push> batch) {
        throw new IllegalStateException(WHY);
    }
}
