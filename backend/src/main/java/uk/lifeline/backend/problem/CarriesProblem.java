package uk.lifeline.backend.problem;

/**
 * An exception raised below the controllers (e.g. while a body is decoded) that already knows the problem to
 * answer, so that {@link ProblemHandler} can answer it without depending on the feature that raised it.
 */
public interface CarriesProblem {

    ApiException problem();
}
