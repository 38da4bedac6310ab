package uk.lifeline.backend.reach;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a command does, in a few plain words for a text or a call, English and Welsh. Interim: to be replaced by
 * the shared command words (issue 13) once they are on main. Stateless.
 */
final class PlainWords {

    private PlainWords() {}

    static String english(String command, JsonNode parameters) {
        return switch (command) {
            case "top-up" -> "adds £" + parameters.path("amount").asText() + " credit";
            case "set-non-disconnect-period" -> "keeps your supply on";
            case "change-price", "change-time-of-use-price" -> "sets your new prices";
            case "set-friendly-credit-period" -> "sets your friendly credit hours";
            case "add-debt", "deduct-debt", "set-debt" -> "changes your debt repayments";
            case "open-han" -> "lets you pair a new display";
            default -> "changes your meter's settings";
        };
    }

    static String welsh(String command, JsonNode parameters) {
        return switch (command) {
            case "top-up" -> "yn ychwanegu £" + parameters.path("amount").asText() + " o gredyd";
            case "set-non-disconnect-period" -> "yn cadw eich cyflenwad ymlaen";
            case "change-price", "change-time-of-use-price" -> "yn gosod eich prisiau newydd";
            case "set-friendly-credit-period" -> "yn gosod eich oriau credyd cyfeillgar";
            case "add-debt", "deduct-debt", "set-debt" -> "yn newid eich ad-daliadau dyled";
            case "open-han" -> "yn gadael i chi baru dangosydd newydd";
            default -> "yn newid gosodiadau eich mesurydd";
        };
    }
}
