package uk.lifeline.meter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.lifeline.code.CodeDigits;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.CodeLayout;
import uk.lifeline.code.Ptut;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.SetNonDisconnectPeriod;
import uk.lifeline.command.Setting;
import uk.lifeline.meter.EntryResult.Accepted;
import uk.lifeline.meter.EntryResult.AwaitingBlock;
import uk.lifeline.meter.EntryResult.Rejected;
import uk.lifeline.meter.MeterCodeState.PendingCode;

/**
 * The meter's side of the code scheme, written to be ported line by line to a meter or PPMID: it takes one
 * 20-digit block at a time, as a keypad does, and answers with the command, a request for the next block, or a
 * typed {@link Rejection}. The checks run in the order docs/command-codes.md ("Meter-side checks") gives.
 *
 * <p>Holds the device's {@link CodeKey} (the ECDH secret, agreed once when the decoder is built) and the meter's
 * code state in fixed-size primitive fields, as a meter's memory would: the counter cache is a sorted array, the
 * per-setting counters are indexed by setting. {@link #state()} gives an immutable {@link MeterCodeState}
 * snapshot to save. Mutable; entries are serialised by synchronisation, as a keypad serialises them.
 */
public final class ReferenceMeterDecoder {

    private static final Setting[] SETTINGS = Setting.values();

    private final CodeKey key;
    private final DecoderSettings settings;
    private final Clock clock;

    private long highest;
    private final long[] cache; // ascending; the first `cached` entries are in use
    private int cached;
    private final long[] newestAccepted = new long[SETTINGS.length];
    private final long[] newestSet = new long[SETTINGS.length];
    private int failures;
    private int lockouts;
    private Instant lockedUntil;
    private PendingCode pending;

    public ReferenceMeterDecoder(CodeKey key, DecoderSettings settings, MeterCodeState state, Clock clock) {
        this.key = key;
        this.settings = settings;
        this.clock = clock;
        this.highest = state.highestCounter();
        long[] remembered = new long[state.acceptedCounters().size()];
        for (int i = 0; i < remembered.length; i++) {
            remembered[i] = state.acceptedCounters().get(i);
        }
        Arrays.sort(remembered);
        // A cache saved under a larger setting keeps its newest counters.
        this.cached = Math.min(remembered.length, settings.counterCacheSize());
        this.cache = new long[settings.counterCacheSize()];
        System.arraycopy(remembered, remembered.length - cached, cache, 0, cached);
        for (Setting setting : SETTINGS) {
            newestAccepted[setting.ordinal()] = MeterCodeState.newest(state.newestAccepted(), setting);
            newestSet[setting.ordinal()] = MeterCodeState.newest(state.newestSet(), setting);
        }
        this.failures = state.failures();
        this.lockouts = state.lockouts();
        this.lockedUntil = state.lockedUntil();
        this.pending = state.pending();
    }

    /** An immutable snapshot of everything the meter remembers, counter cache in ascending order. */
    public synchronized MeterCodeState state() {
        List<Long> counters = new ArrayList<>(cached);
        for (int i = 0; i < cached; i++) {
            counters.add(cache[i]);
        }
        return new MeterCodeState(
                highest, counters, toMap(newestAccepted), toMap(newestSet), failures, lockouts, lockedUntil, pending);
    }

    /**
     * Enters every block of a whole code in turn (20, 40 or 60 digits; spaces and dashes ignored) and returns
     * the last answer, stopping at the first refusal.
     */
    public synchronized EntryResult enterCode(String digits) {
        List<String> blocks;
        try {
            blocks = CodeDigits.blocks(digits);
        } catch (IllegalArgumentException wrongLength) {
            return new Rejected(Rejection.TYPO, wrongLength.getMessage());
        }
        EntryResult result = null;
        for (String block : blocks) {
            result = enterBlock(block);
            if (result instanceof Rejected) {
                return result;
            }
        }
        return result;
    }

    /** Enters one 20-digit block (spaces and dashes ignored). */
    public synchronized EntryResult enterBlock(String digits) {
        Instant now = clock.instant();
        // 1. A locked keypad takes nothing.
        if (now.isBefore(lockedUntil)) {
            return new Rejected(
                    Rejection.LOCKED_OUT,
                    "locked for " + Duration.between(now, lockedUntil).getSeconds() + " more seconds");
        }
        // 2. Typing errors: length, characters, check digit. Never counted towards lockout.
        String block = CodeDigits.withoutSeparators(digits);
        Optional<CodeDigits.BlockFault> fault = CodeDigits.fault(block);
        if (fault.isPresent()) {
            return new Rejected(
                    Rejection.TYPO,
                    fault.get() == CodeDigits.BlockFault.WRONG_CHECK_DIGIT
                            ? "the check digit does not match: a digit is wrong or two are swapped"
                            : "a block is 20 digits; got " + block.length() + " characters");
        }
        // 3. Structure: a PTUT, a known sub class, a block index the command has.
        long ptut = Ptut.fromCheckedDigits(block);
        if (ptut < 0) {
            return new Rejected(Rejection.UNSUPPORTED, "not a UTRN: below the K-class 5 offset or lead bits set");
        }
        CommandType type = CommandType.ofSubclass(CodeLayout.subclass(ptut));
        if (type == null) {
            return new Rejected(Rejection.UNSUPPORTED, "reserved sub class " + CodeLayout.subclass(ptut));
        }
        if (type.blocks() == 1) {
            return finish(new long[] {ptut}, now);
        }
        int index = CodeLayout.index(ptut);
        if (index >= type.blocks()) {
            return new Rejected(
                    Rejection.UNSUPPORTED,
                    "block index " + (index + 1) + " but this code has " + type.blocks() + " blocks");
        }
        return index == 0 ? startChain(type, ptut, now) : continueChain(type, index, ptut, now);
    }

    // 4a. The first block of a chained code abandons any code entered part-way and starts a new one. Nothing is
    // judged yet: without the MAC the meter cannot tell whose code this is.
    private EntryResult startChain(CommandType type, long ptut, Instant now) {
        pending = new PendingCode(type.subclass(), CodeLayout.counterBits(ptut), Collections.singletonList(ptut), now);
        return new AwaitingBlock(1, type.blocks());
    }

    // 4b. A later block must follow the blocks before it, of the same code, in time.
    private EntryResult continueChain(CommandType type, int index, long ptut, Instant now) {
        if (pending == null || now.isAfter(pending.lastBlockAt().plus(settings.blockEntryTimeout()))) {
            return new Rejected(
                    Rejection.BLOCK_OUT_OF_ORDER,
                    "block " + (index + 1) + " of " + type.blocks()
                            + " but no code is being entered: start from block 1");
        }
        if (pending.subclass() != type.subclass() || pending.counterBits() != CodeLayout.counterBits(ptut)) {
            return new Rejected(
                    Rejection.BLOCK_FROM_ANOTHER_CODE,
                    "expected block " + (pending.ptuts().size() + 1) + " of the code being entered");
        }
        if (index != pending.ptuts().size()) {
            return new Rejected(
                    Rejection.BLOCK_OUT_OF_ORDER,
                    "expected block " + (pending.ptuts().size() + 1) + " of " + type.blocks() + ", got block "
                            + (index + 1));
        }
        List<Long> ptuts = new ArrayList<>(pending.ptuts());
        ptuts.add(ptut);
        if (ptuts.size() < type.blocks()) {
            pending = new PendingCode(pending.subclass(), pending.counterBits(), ptuts, now);
            return new AwaitingBlock(ptuts.size(), type.blocks());
        }
        long[] all = new long[ptuts.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = ptuts.get(i);
        }
        return finish(all, now);
    }

    // 5-9. The whole code is in: counter and MAC, cache, parameters, supersession, expiry, then accept. Whatever
    // the answer, a chained code entered part-way is finished with.
    private EntryResult finish(long[] ptuts, Instant now) {
        CommandType type = CommandType.ofSubclass(CodeLayout.subclass(ptuts[0]));
        long counter = rebuildCounter(CodeLayout.counterBits(ptuts[0]), highest);
        pending = null;
        // Outside the counter range no MAC is computed, so these answers tell nobody anything about the key.
        if (counter < 1) {
            return new Rejected(
                    Rejection.OUT_OF_WINDOW,
                    "the counter bits rebuild to " + counter + ": more than " + CodeLayout.COUNTER_WINDOW
                            + " ahead of the newest accepted (" + highest + ")");
        }
        if (counter > CodeEncoder.MAX_COUNTER) {
            return new Rejected(
                    Rejection.COUNTER_TOO_OLD,
                    "the counter bits rebuild past " + CodeEncoder.MAX_COUNTER
                            + ": more than " + CodeLayout.COUNTER_WINDOW_BELOW + " behind the newest accepted ("
                            + highest
                            + ")");
        }
        if (!CodeLayout.macMatches(key, counter, ptuts)) {
            return tooOldOrForged(counter, ptuts, now);
        }
        if (Arrays.binarySearch(cache, 0, cached, counter) >= 0) {
            return new Rejected(Rejection.DUPLICATE, "counter " + counter + " has already been accepted");
        }
        if (cached >= cache.length && counter <= cache[0]) {
            return new Rejected(
                    Rejection.COUNTER_TOO_OLD,
                    "counter " + counter + " is older than every counter the meter remembers");
        }
        MeterCommand command;
        try {
            command = CodeLayout.command(type, ptuts);
        } catch (IllegalArgumentException badParameter) {
            return new Rejected(Rejection.UNSUPPORTED, badParameter.getMessage());
        }
        Rejected superseded = supersededBy(command, counter);
        if (superseded != null) {
            return superseded;
        }
        if (command instanceof SetNonDisconnectPeriod
                && !((SetNonDisconnectPeriod) command).end().isAfter(now)) {
            return new Rejected(
                    Rejection.EXPIRED,
                    "the non-disconnect period ended at " + ((SetNonDisconnectPeriod) command).end());
        }
        accept(command, counter);
        return new Accepted(command, counter);
    }

    // The MAC fails at the rebuilt counter. A genuine code more than 511 behind the newest accepted would match
    // 1024 below: say it is too old rather than count it towards lockout. That tells a forger nothing useful, as
    // the newest accepted counter never falls, so such a code can never be accepted. The window above is not
    // tried: a match there would be a code the meter accepts later, and saying so would double a forger's odds.
    private EntryResult tooOldOrForged(long counter, long[] ptuts, Instant now) {
        long older = counter - (1L << CodeLayout.COUNTER_BITS);
        if (older >= 1 && CodeLayout.macMatches(key, older, ptuts)) {
            return new Rejected(
                    Rejection.COUNTER_TOO_OLD,
                    "counter " + older
                            + " is more than " + CodeLayout.COUNTER_WINDOW_BELOW + " below the newest accepted ("
                            + highest
                            + ")");
        }
        return macFailure(now);
    }

    /**
     * Null when no newer accepted code supersedes this one. A revert supersedes everything older; a set
     * supersedes older codes for its setting; a set is superseded by any newer code for its setting, since it
     * would undo it. Adjustments of one setting never supersede each other.
     */
    private Rejected supersededBy(MeterCommand command, long counter) {
        long revert = newestSet[Setting.ALL.ordinal()];
        Setting setting = command.setting();
        if (setting == Setting.ALL && counter < highest) {
            return new Rejected(
                    Rejection.COUNTER_TOO_OLD,
                    "a newer code (counter " + highest + ") has been entered since this revert to default was made");
        }
        if (counter < revert) {
            return new Rejected(
                    Rejection.COUNTER_TOO_OLD,
                    "the meter was reverted to default (counter " + revert + ") after this code was made");
        }
        boolean sets = command.type().effect() == CommandType.Effect.SETS;
        long newer = (sets ? newestAccepted : newestSet)[setting.ordinal()];
        if (counter < newer) {
            return new Rejected(
                    Rejection.COUNTER_TOO_OLD,
                    "a newer code (counter " + newer + ") " + (sets ? "for the same setting" : "has set this amount")
                            + " since this code was made");
        }
        return null;
    }

    private Rejected macFailure(Instant now) {
        failures++;
        if (failures < settings.failuresBeforeLockout()) {
            return new Rejected(
                    Rejection.BAD_MAC,
                    "not for this meter, or not from its supplier (" + failures + " of "
                            + settings.failuresBeforeLockout() + " before the keypad locks)");
        }
        lockouts++;
        failures = 0;
        Duration lock = settings.lockout(lockouts);
        lockedUntil = now.plus(lock);
        return new Rejected(
                Rejection.BAD_MAC,
                "not for this meter, or not from its supplier; keypad locked for " + lock.getSeconds() + " seconds");
    }

    private void accept(MeterCommand command, long counter) {
        // The cache is full only if the counter is above its smallest (checked before): that one makes room.
        if (cached == cache.length) {
            System.arraycopy(cache, 1, cache, 0, --cached);
        }
        int at = -Arrays.binarySearch(cache, 0, cached, counter) - 1;
        System.arraycopy(cache, at, cache, at + 1, cached - at);
        cache[at] = counter;
        cached++;
        highest = Math.max(highest, counter);
        int setting = command.setting().ordinal();
        newestAccepted[setting] = Math.max(newestAccepted[setting], counter);
        if (command.type().effect() == CommandType.Effect.SETS) {
            newestSet[setting] = Math.max(newestSet[setting], counter);
        }
        failures = 0;
        lockouts = 0;
    }

    /**
     * Rebuilds a full UTRN counter from its 10 transmitted bits, as GBCS does: the one value with those low bits
     * in the window from 511 below to 512 above the highest counter accepted.
     */
    public static long rebuildCounter(int counterBits, long highestAccepted) {
        long windowStart = highestAccepted - CodeLayout.COUNTER_WINDOW_BELOW;
        return windowStart + Math.floorMod(counterBits - windowStart, 1L << CodeLayout.COUNTER_BITS);
    }

    private static Map<Setting, Long> toMap(long[] counters) {
        Map<Setting, Long> map = new EnumMap<>(Setting.class);
        for (Setting setting : SETTINGS) {
            if (counters[setting.ordinal()] != 0) {
                map.put(setting, counters[setting.ordinal()]);
            }
        }
        return map;
    }
}
