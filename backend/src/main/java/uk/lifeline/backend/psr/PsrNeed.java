package uk.lifeline.backend.psr;

import java.util.Locale;

/**
 * The needs a supplier records on the Priority Services Register, named as in the energy networks' (ENA) common
 * list of needs codes. Only the entries we are sure of are here; the ENA's numeric codes are left out because they
 * could not be checked offline (docs/forecast.md, "PSR needs"). Stored and sent by {@link #code()}: never rename
 * one. {@code medicallyDependent}: the customer relies on powered equipment, so an outage is dangerous at once.
 */
public enum PsrNeed {
    PENSIONABLE_AGE("Pensionable age", false),
    PHYSICAL_IMPAIRMENT("Physical impairment", false),
    BLIND("Blind", false),
    PARTIALLY_SIGHTED("Partially sighted", false),
    HEARING_IMPAIRMENT("Hearing impairment (including deaf)", false),
    SPEECH_IMPAIRMENT("Speech impairment", false),
    UNABLE_TO_COMMUNICATE_IN_ENGLISH("Unable to communicate in English", false),
    YOUNG_CHILDREN("Families with young children 5 or under", false),
    DEMENTIA("Dementia(s)", false),
    MENTAL_HEALTH("Mental health", false),
    CHRONIC_SERIOUS_ILLNESS("Chronic/serious illness", false),
    OXYGEN_USE("Oxygen use", true),
    HEART_LUNG_VENTILATOR("Heart, lung and ventilator", true),
    DIALYSIS_FEEDING_PUMP_MEDICATION("Dialysis, feeding pump and automated medication", true),
    CARELINE_TELECARE("Careline/telecare system", true),
    STAIR_LIFT_HOIST_ELECTRIC_BED("Stair lift, hoist, electric bed", true),
    MEDICALLY_DEPENDENT_SHOWERING_BATHING("Medically dependent showering and bathing", true);

    private final String label;
    private final boolean medicallyDependent;

    PsrNeed(String label, boolean medicallyDependent) {
        this.label = label;
        this.medicallyDependent = medicallyDependent;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String label() {
        return label;
    }

    public boolean medicallyDependent() {
        return medicallyDependent;
    }

    /** @return null for an unknown code */
    public static PsrNeed fromCode(String code) {
        for (PsrNeed n : values()) {
            if (n.code().equals(code)) {
                return n;
            }
        }
        return null;
    }
}
