package uk.lifeline.backend.reach;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import uk.lifeline.words.Language;

/**
 * What a text or a call says about one code: whose, for which meter, the digits, what it does and until when.
 * Immutable.
 *
 * @param electricity true for an electricity meter (ESME), false for gas (GSME)
 * @param meterTail the last four characters of the meter's serial (its EUI-64), as printed on its label
 * @param blocks the digits, one 20-digit string per block
 * @param plainEnglish, plainWelsh what the code does, in a few plain words
 */
public record CodeFacts(
        UUID codeId,
        UUID supplierId,
        UUID customerId,
        String supplierName,
        String supplierPhone,
        boolean electricity,
        String meterTail,
        List<String> blocks,
        String plainEnglish,
        String plainWelsh,
        Instant expiresAt,
        UUID campaignId) {

    public CodeFacts {
        blocks = List.copyOf(blocks);
    }

    public String plainWords(Language language) {
        return language == Language.WELSH ? plainWelsh : plainEnglish;
    }

    /** A block in groups of four digits, as it is read and typed. */
    public static String grouped(String block) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < block.length(); i += 4) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(block, i, Math.min(i + 4, block.length()));
        }
        return s.toString();
    }
}
