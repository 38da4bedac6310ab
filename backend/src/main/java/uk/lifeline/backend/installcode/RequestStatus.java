package uk.lifeline.backend.installcode;

/** Where an install-code request is. Stored by name: never rename one. */
enum RequestStatus {
    /** Waiting for the answer. */
    OPEN,
    /** The installing supplier released the code to the requester. */
    RELEASED,
    /** The supplier asked says it did not install the device. */
    NOT_INSTALLING_PARTY,
    /** The requester withdrew it. */
    WITHDRAWN,
    /** The requester lost the supply of the device before an answer (change of supplier). */
    CANCELLED;

    boolean isAnswered() {
        return this == RELEASED || this == NOT_INSTALLING_PARTY;
    }
}
