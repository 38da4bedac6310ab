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

    /** Why a typed code cannot be right, in plain words, or null when it may be. */
    public static String problem(String typed) {
        String digits = normalise(typed);
        if (!digits.matches("[0-9]*")) {
            return "The activation code has only numbers.";
        }
        if (digits.length() != DIGITS) {
            return "The activation code has 12 numbers. You typed " + digits.length() + ".";
        }
        if (!GbcsCheckDigit.isValid(digits)) {
            return "One of the numbers is wrong. Check the code and type it again.";
        }
        return null;
    }
}
