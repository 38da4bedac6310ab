package uk.lifeline.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.audit.AuditLog;

class IssueBatchSlotsTest {

    @Test
    void batchesRunningAtOnceHaveTheirCodesOnDisjointAuditChains() {
        for (int slots = 1; slots <= 8; slots++) {
            Set<Integer> seen = new HashSet<>();
            for (int slot = 0; slot < slots; slot++) {
                Set<Integer> chains = new HashSet<>();
                for (int i = 0; i < 400; i++) {
                    UUID id = IssueBatch.idForSlot(slot, slots);
                    chains.add(AuditLog.chainOf(CodeRecord.auditSubject(id)));
                }
                for (int chain : chains) {
                    assertThat(chain % slots).isEqualTo(slot);
                    assertThat(seen.add(chain))
                            .as("chain %d in two slots", chain)
                            .isTrue();
                }
                // Every chain of the slot is used, so the codes still spread over the slot's chains.
                assertThat(chains).hasSize((AuditLog.CHAINS - slot + slots - 1) / slots);
            }
            assertThat(seen).hasSize(AuditLog.CHAINS);
        }
    }
}
