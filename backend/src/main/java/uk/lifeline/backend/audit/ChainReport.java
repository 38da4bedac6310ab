package uk.lifeline.backend.audit;

/**
 * What the verifier found in one supplier's audit chain. Immutable.
 *
 * @param intact true when every entry links to the one before and the head matches the last entry
 * @param entries how many entries were checked
 * @param firstBrokenSeq the first entry that does not verify, or null
 * @param problem what is wrong there, or null
 */
public record ChainReport(boolean intact, long entries, Long firstBrokenSeq, String problem) {}
