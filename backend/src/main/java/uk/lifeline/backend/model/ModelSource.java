package uk.lifeline.backend.model;

/** Where a meter's modelled state came from. Stored by name: never rename one. */
public enum ModelSource {
    /** Set when the meter was provisioned (or by the demo seeder). */
    SEEDED,
    /** Typed in by an agent from what the customer's display shows. */
    REPORTED,
    /** The engine applied a code the meter accepted to the previous state. */
    MODELLED
}
