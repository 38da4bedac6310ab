package uk.lifeline.prepay;

/** A refusal found before anything changed: the reason and the detail. Immutable. */
record Denied(Refusal reason, String detail) {}
