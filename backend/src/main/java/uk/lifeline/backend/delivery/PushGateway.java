package uk.lifeline.backend.delivery;

import java.util.List;

/** Where the dispatcher sends phones' messages: FCM, or nothing when no credentials are configured. */
public interface PushGateway {

    /** Whether messages can be sent at all. */
    boolean configured();

    /** One line for start-up and health, e.g. which project, or why push is off. */
    String description();

    /**
     * Sends up to 500 messages in one batch, blocking until FCM has answered for each; returns one outcome per
     * message, in order. Never throws for a message FCM refused: that is an outcome.
     */
    List<PushOutcome> send(List<Push> batch);
}
