package uk.lifeline.backend.ledger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A new code's id: a version 7 UUID (RFC 9562), the time it was made in its first 60 bits (milliseconds, then
 * 12 bits of the millisecond: the RFC's method 3) and 62 random bits after it. Codes are written in the order they
 * are made, so every index keyed by a code's id (code, outbox_message by subject, reach_step, campaign_target by
 * code) grows at its right-hand edge rather than at a random page of a large index; docs/performance.md has what
 * that saves. The time an id shows is the code's issuing time, which everyone who sees the id sees anyway; the
 * random bits keep ids unguessable. Stateless.
 */
final class CodeIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock WALL = Clock.systemUTC();

    private CodeIds() {}

    static UUID next() {
        return madeAt(WALL.instant(), RANDOM.nextLong());
    }

    /** The id made at {@code at} with these random bits (62 of them are used). */
    static UUID madeAt(Instant at, long random) {
        long fraction = (at.getNano() % 1_000_000) * 4096L / 1_000_000;
        long high = at.toEpochMilli() << 16 | 0x7000 | fraction;
        long low = random & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
