package uk.lifeline.backend.ledger;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.MonoSink;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.ledger.IssueIntent.Request;
import uk.lifeline.backend.ledger.Ledger.Outcome;

/**
 * The issue requests that share one transaction, all for one supplier, and what became of each. Mutable; used by
 * one batch at a time ({@link IssueBatcher}, {@link BatchWriter}).
 */
final class IssueBatch {

    /** A request in a batch, its answer-to-be and what the batch decided for it. */
    static final class Item {
        final Request request;
        final MonoSink<Outcome> sink;
        /** The id its code will have, given by its batch ({@link #idForSlot}) so that it can lock its chain. */
        UUID id;
        /** Set when the transaction is under way; answered only after it commits. */
        Outcome outcome;

        Throwable error;
        /** Another request of this batch has the same key: it goes in the next batch, and gets that one's answer. */
        boolean again;

        CodeRecord made;
        String body;
        String entry;

        Item(Request request, MonoSink<Outcome> sink) {
            this.request = request;
            this.sink = sink;
        }

        UUID id() {
            return id;
        }

        String userKey() {
            return request.caller().userId() + " " + request.key();
        }

        boolean fresh() {
            return !again && outcome == null && error == null;
        }
    }

    static final HexFormat HEX = HexFormat.of();

    final UUID supplierId;
    final List<Item> items;
    /** Its place among its lane's batches running at once. */
    final int slot;

    /**
     * @param slot which of its lane's {@code slots} batches running at once this is: its codes go to that slot's
     *     audit chains alone ({@link #idForSlot})
     */
    IssueBatch(UUID supplierId, List<Item> items, int slot, int slots) {
        this.supplierId = supplierId;
        this.items = items;
        this.slot = slot;
        Set<String> keys = new java.util.HashSet<>();
        for (Item item : items) {
            item.again = !keys.add(item.userKey());
            item.id = idForSlot(slot, slots);
        }
    }

    /**
     * A new code id whose audit chain is one of the slot's: chain modulo {@code slots} is {@code slot}. A code's
     * chain follows from its id, and a batch locks its codes' chain heads until it commits, so batches of one lane
     * running at once lock disjoint heads and neither waits for the other's commit. Two tries on average with two
     * slots.
     */
    static UUID idForSlot(int slot, int slots) {
        while (true) {
            UUID id = CodeIds.next();
            if (AuditLog.chainOf(CodeRecord.auditSubject(id)) % slots == slot) {
                return id;
            }
        }
    }

    List<Item> fresh() {
        List<Item> fresh = new ArrayList<>();
        for (Item item : items) {
            if (item.fresh()) {
                fresh.add(item);
            }
        }
        return fresh;
    }

    /** The meters of the requests still to be made, in the order of first appearance. */
    String[] devices() {
        Set<String> devices = new LinkedHashSet<>();
        for (Item item : fresh()) {
            devices.add(item.request.meter().id().toString());
        }
        return devices.toArray(String[]::new);
    }

    /** Per meter, the requests still to be made, in arrival order (they get consecutive counters). */
    Map<UUID, List<Item>> byMeter() {
        Map<UUID, List<Item>> by = new LinkedHashMap<>();
        for (Item item : fresh()) {
            by.computeIfAbsent(item.request.meter().id(), d -> new ArrayList<>())
                    .add(item);
        }
        return by;
    }

    /** The items whose codes were made, in order. */
    List<Item> made() {
        List<Item> made = new ArrayList<>();
        for (Item item : items) {
            if (item.made != null && item.error == null) {
                made.add(item);
            }
        }
        return made;
    }
}
