package uk.lifeline.backend.installcode;

import uk.lifeline.backend.problem.ProblemType;

/**
 * Why a device cannot be requested, as a bulk upload reports it per row ({@code code}) and a single request as
 * its problem type. The codes are part of the API: never rename one.
 */
enum RowProblem {
    MALFORMED_ROW("malformed-row", ProblemType.VALIDATION),
    DUPLICATE_ROW("duplicate-row", ProblemType.VALIDATION),
    UNKNOWN_DEVICE("unknown-device", ProblemType.NOT_FOUND),
    MISMATCH("mismatch", ProblemType.VALIDATION),
    ALREADY_REQUESTED("already-requested", ProblemType.ALREADY_REQUESTED),
    ALREADY_COMMISSIONED("already-commissioned", ProblemType.ALREADY_COMMISSIONED),
    OWN_INSTALL("own-install", ProblemType.OWN_INSTALL),
    INSTALLER_UNKNOWN("installer-unknown", ProblemType.INSTALLER_UNKNOWN),
    CODE_ALREADY_RELEASED("code-already-released", ProblemType.CODE_ALREADY_RELEASED);

    private final String code;
    private final ProblemType single;

    RowProblem(String code, ProblemType single) {
        this.code = code;
        this.single = single;
    }

    String code() {
        return code;
    }

    /** The problem a single request answers with for this reason. */
    ProblemType single() {
        return single;
    }
}
