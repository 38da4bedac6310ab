package uk.lifeline.backend.audit;

/**
 * What the verifier found in one supplier's audit chains. Immutable.
 *
 * @param intact true when every entry links to the one before it in its chain and every head matches its chain's
 *     last entry
 * @param entries how many entries were checked
 * @param brokenChain the chain (0-15) of the first entry that does not verify, or null
 * @param firstBrokenSeq that entry's number in its chain, or null
 * @param problem what is wrong there, or null
 */
public record ChainReport(boolean intact, long entries, Integer brokenChain, Long firstBrokenSeq, String problem) {}
