package uk.lifeline.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CodeIdsTest {

    private static final Instant AT = Instant.parse("2026-12-04T20:15:30.123456789Z");

    /** PostgreSQL orders uuids by their bytes, unsigned, most significant first. */
    private static int postgresOrder(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** When an id was made, in 4,096ths of a millisecond. */
    private static long madeAt(UUID id) {
        long high = id.getMostSignificantBits();
        return (high >>> 16) << 12 | high & 0xFFF;
    }

    @Test
    void anIdIsAVersion7UuidOfTheRfcVariant() {
        UUID id = CodeIds.next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        UUID allOnes = CodeIds.madeAt(AT, -1L);
        assertThat(allOnes.version()).isEqualTo(7);
        assertThat(allOnes.variant()).isEqualTo(2);
    }

    @Test
    void anIdCarriesTheMillisecondItWasMadeInAndItsFraction() {
        UUID id = CodeIds.madeAt(AT, 0L);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(AT.toEpochMilli());
        // 456,789 ns of the millisecond, in 4,096ths of it.
        assertThat(id.getMostSignificantBits() & 0xFFF).isEqualTo(456_789L * 4096 / 1_000_000);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
        // The last nanosecond of a millisecond is the largest fraction, and still only its 12 bits.
        UUID last = CodeIds.madeAt(AT.plusNanos(999_999 - AT.getNano() % 1_000_000), 0L);
        assertThat(last.getMostSignificantBits() >>> 16).isEqualTo(AT.toEpochMilli());
        assertThat(last.getMostSignificantBits() & 0xFFFF).isEqualTo(0x7FFF);
    }

    @Test
    void idsMadeLaterSortAfterEarlierOnesWhateverTheirRandomBits() {
        UUID earlier = CodeIds.madeAt(AT, -1L);
        UUID later = CodeIds.madeAt(AT.plusNanos(250), 0L);
        assertThat(postgresOrder(earlier, later)).isNegative();
        assertThat(postgresOrder(CodeIds.madeAt(AT, -1L), CodeIds.madeAt(AT.plusSeconds(86_400 * 365), 0L)))
                .isNegative();
    }

    @Test
    void theRandomBitsChangeOnlyTheLow62Bits() {
        UUID a = CodeIds.madeAt(AT, 0L);
        UUID b = CodeIds.madeAt(AT, -1L);
        assertThat(a.getMostSignificantBits()).isEqualTo(b.getMostSignificantBits());
        assertThat(a.getLeastSignificantBits() ^ b.getLeastSignificantBits()).isEqualTo(0x3FFF_FFFF_FFFF_FFFFL);
    }

    @Test
    void idsMadeOneAfterAnotherAreUniqueAndInTheOrderTheyWereMade() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(CodeIds.next());
        }
        Set<UUID> unique = new HashSet<>(ids);
        assertThat(unique).hasSize(ids.size());
        for (int i = 1; i < ids.size(); i++) {
            // Two ids of the same 4,096th of a millisecond may sort either way; never one of an earlier one after.
            assertThat(madeAt(ids.get(i))).isGreaterThanOrEqualTo(madeAt(ids.get(i - 1)));
        }
    }
}
