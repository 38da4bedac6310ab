package uk.lifeline.app.account;

import uk.lifeline.code.GbcsCheckDigit;

/**
 * The one-time code that links the app to an account, from an agent or a letter: 12 digits, the last a GBCS
 * check digit of the first 11 (docs/app-protocol.md), so a mistyped code is caught on the phone before it
 * costs an attempt at the server. Written in groups of four; spaces and dashes are ignored. Stateless.
 */
public final class ActivationCode {

    public static final int DIGITS = 12;

    private ActivationCode() {}

    /** The digits alone: {@code "1234 5678-9012"} becomes {@code "123456789012"}. */
    public static String normalise(String typed) {
        return typed.replaceAll("[\\s-]", "");
    }

    /** Why a typed code cannot be right; the screen words each in the customer's language. */
    public enum Problem {
        /** Something other than digits, spaces and dashes. */
        NOT_DIGITS,
        /** Not 12 digits ({@link #length} says how many). */
        WRONG_LENGTH,
        /** 12 digits, but the check digit shows one is wrong. */
        WRONG_DIGIT
    }

    /** Why a typed code cannot be right, or null when it may be. */
    public static Problem problem(String typed) {
        String digits = normalise(typed);
        if (!digits.matches("[0-9]*")) {
            return Problem.NOT_DIGITS;
        }
        if (digits.length() != DIGITS) {
            return Problem.WRONG_LENGTH;
        }
        return GbcsCheckDigit.isValid(digits) ? null : Problem.WRONG_DIGIT;
    }

    /** How many digits were typed, spaces and dashes aside. */
    public static int length(String typed) {
        return normalise(typed).length();
    }
}
