package uk.lifeline.backend.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.lifeline.code.CommandCode;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.words.CommandWords;
import uk.lifeline.words.Language;
import uk.lifeline.words.When;

/**
 * A code as the API shows it. {@code digits} holds one entry per 20-digit block, grouped in fours as people read
 * them out ({@code "7394 3333 4571 8904 3313"}); it and the envelope are absent until the code is released.
 * {@code description} and {@code descriptionCy} say what the code does in English and Welsh, in the words the
 * app shows ({@code shared}'s {@link CommandWords}), with dates named in full and times with their zone.
 * Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodeView(
        UUID id,
        String meterId,
        UUID customerId,
        String command,
        Map<String, String> parameters,
        String description,
        String descriptionCy,
        String reason,
        CodeStatus status,
        long counter,
        int blocks,
        List<String> digits,
        Instant issuedAt,
        Instant expiresAt,
        UUID issuedBy,
        Approval approval,
        Instant resultAt,
        String resultReason,
        String cancelReason,
        String envelope) {

    /** Whether the code needed a supervisor, why, and who approved it when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Approval(boolean required, List<String> reasons, UUID approvedBy, Instant approvedAt) {}

    public static CodeView of(CodeRecord c) {
        // Words relative to the issue time, not to now, so a view reads the same every time it is fetched.
        Instant at = c.issuedAt() != null ? c.issuedAt() : Instant.now();
        MeterCommand command = MeterCommand.parse(c.command(), Parameters.of(c.parameters()));
        return new CodeView(
                c.id(),
                c.meterId(),
                c.customerAccountId(),
                c.command(),
                c.parameters(),
                describe(command, at, Language.ENGLISH),
                describe(command, at, Language.WELSH),
                c.reason(),
                c.status(),
                c.counter(),
                c.blocks().size(),
                c.released() ? grouped(c.blocks()) : null,
                c.issuedAt(),
                c.expiresAt(),
                c.issuedBy(),
                new Approval(c.needsApproval(), c.approvalReasons(), c.approvedBy(), c.approvedAt()),
                c.resultAt(),
                c.resultReason(),
                c.cancelReason(),
                c.released() ? c.envelope() : null);
    }

    /** What {@code command} does in {@code language}: dates in full and times with their zone, as of {@code at}. */
    public static String describe(MeterCommand command, Instant at, Language language) {
        return CommandWords.describe(command, When.at(at).absolute().withZone().in(language));
    }

    /** Each block as people read it out, in groups of four digits. */
    public static List<String> grouped(List<String> blocks) {
        return blocks.stream().map(CommandCode::groupInFours).toList();
    }
}
