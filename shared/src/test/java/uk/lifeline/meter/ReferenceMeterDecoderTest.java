package uk.lifeline.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.CommandCode;
import uk.lifeline.code.Crafted;
import uk.lifeline.code.Eui64;
import uk.lifeline.code.GbcsCheckDigit;
import uk.lifeline.command.RevertToDefault;
import uk.lifeline.command.SetCredit;
import uk.lifeline.command.TopUp;
import uk.lifeline.meter.EntryResult.Accepted;
import uk.lifeline.meter.EntryResult.AwaitingBlock;
import uk.lifeline.meter.EntryResult.Rejected;
import uk.lifeline.testing.Examples;
import uk.lifeline.testing.SettableClock;
import uk.lifeline.testing.TestKeys;

class ReferenceMeterDecoderTest {

    private static final CodeKey ISSUING = TestKeys.issuingKey();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private ReferenceMeterDecoder meter = meter(DecoderSettings.DEFAULTS);

    private ReferenceMeterDecoder meter(DecoderSettings settings) {
        return new ReferenceMeterDecoder(TestKeys.meterKey(), settings, MeterCodeState.FACTORY_FRESH, clock);
    }

    private static CommandCode code(String commandLine, long counter) {
        return CodeEncoder.encode(Examples.parse(commandLine), counter, ISSUING);
    }

    private static Rejection reason(EntryResult result) {
        assertThat(result).isInstanceOf(Rejected.class);
        return ((Rejected) result).reason();
    }

    @Nested
    class Authenticity {

        @Test
        void aCodeMadeWithAnotherSuppliersKeyIsRefused() {
            CodeKey impostor = TestKeys.freshPair(TestKeys.ORIGINATOR, TestKeys.METER)[0];
            CommandCode forged = CodeEncoder.encode(new TopUp(5000), 1, impostor);

            assertThat(reason(meter.enterCode(forged.digits()))).isEqualTo(Rejection.BAD_MAC);
        }

        @Test
        void meterBRefusesACodeMadeForMeterA() {
            CommandCode forA = CodeEncoder.encode(new TopUp(1000), 1, TestKeys.gbcsIssuingKey());

            assertThat(reason(meter.enterCode(forA.digits()))).isEqualTo(Rejection.BAD_MAC);
        }

        @Test
        void meterBRefusesMeterAsCodeEvenWhenBothShareOneKeyPair() {
            // The device ID is in the KDF and the MAC's associated data, so a shared key pair is not enough.
            CodeKey[] keys = TestKeys.freshPair(TestKeys.ORIGINATOR, Eui64.parse("0000000000000A0A"));
            CodeKey[] sameKeysMeterB = TestKeys.freshPair(TestKeys.ORIGINATOR, Eui64.parse("0000000000000B0B"));
            CommandCode forA = CodeEncoder.encode(new TopUp(1000), 1, keys[0]);
            ReferenceMeterDecoder meterA =
                    new ReferenceMeterDecoder(keys[1], DecoderSettings.DEFAULTS, MeterCodeState.FACTORY_FRESH, clock);

            assertThat(meterA.enterCode(forA.digits())).isInstanceOf(Accepted.class);
            assertThat(reason(new ReferenceMeterDecoder(
                                    sameKeysMeterB[1], DecoderSettings.DEFAULTS, MeterCodeState.FACTORY_FRESH, clock)
                            .enterCode(forA.digits())))
                    .isEqualTo(Rejection.BAD_MAC);
        }

        @Test
        void randomDigitStringsWithAValidCheckDigitAreNeverAccepted() {
            ReferenceMeterDecoder patient =
                    meter(DecoderSettings.DEFAULTS.withFailuresBeforeLockout(Integer.MAX_VALUE));
            Random random = new Random(20261123);
            int accepted = 0;
            for (int i = 0; i < 20_000; i++) {
                StringBuilder digits = new StringBuilder("7");
                for (int d = 1; d < 19; d++) {
                    digits.append((char) ('0' + random.nextInt(10)));
                }
                EntryResult result = patient.enterBlock(
                        digits.append(GbcsCheckDigit.of(digits)).toString());
                accepted += result instanceof Accepted ? 1 : 0;
            }
            // The MAC leaves a 2^-32 chance per try: 20,000 tries expect 0.000005 acceptances.
            assertThat(accepted).isZero();
        }

        @Test
        void reservedSubclassIsUnsupported() {
            String[] block = Crafted.sign(ISSUING, 1, Crafted.header(13, 1));

            assertThat(reason(meter.enterBlock(block[0]))).isEqualTo(Rejection.UNSUPPORTED);
        }

        @Test
        void reservedPayloadBitsSetAreUnsupportedEvenWithAGoodMac() {
            String[] block = Crafted.sign(ISSUING, 1, Crafted.header(12, 1) | (1L << 32));

            EntryResult result = meter.enterBlock(block[0]);

            assertThat(reason(result)).isEqualTo(Rejection.UNSUPPORTED);
            assertThat(((Rejected) result).detail()).contains("reserved payload bits");
            assertThat(meter.state().acceptedCounters()).isEmpty();
        }

        @Test
        void aGbcsValueClassOfTwoIsUnsupported() {
            String[] block = Crafted.sign(ISSUING, 1, Crafted.header(0, 1) | (2L << 45) | (5L << 32));

            assertThat(reason(meter.enterBlock(block[0]))).isEqualTo(Rejection.UNSUPPORTED);
        }
    }

    @Nested
    class Counters {

        @Test
        void aCodeIsAcceptedOnceThenRefusedAsDuplicate() {
            CommandCode topUp = code("top-up amount=10", 1);

            assertThat(meter.enterCode(topUp.digits())).isEqualTo(new Accepted(new TopUp(1000), 1));
            assertThat(reason(meter.enterCode(topUp.digits()))).isEqualTo(Rejection.DUPLICATE);
        }

        @Test
        void counterIsRebuiltFromItsTenBitsWithinTheWindowAroundTheHighestAccepted() {
            for (long highest = 0; highest < 5000; highest += 7) {
                for (long counter = Math.max(1, highest - 511); counter <= highest + 512; counter++) {
                    assertThat(ReferenceMeterDecoder.rebuildCounter((int) (counter & 1023), highest))
                            .isEqualTo(counter);
                }
            }
            assertThat(ReferenceMeterDecoder.rebuildCounter(1023, 0xFFFFFFFFL - 512))
                    .isEqualTo(0xFFFFFFFFL);
        }

        @Test
        void counterBitsThatRebuildBelowOneAreOutOfWindowWithoutAnyMacCheck() {
            assertThat(reason(meter.enterCode(code("top-up amount=1", 513).digits())))
                    .isEqualTo(Rejection.OUT_OF_WINDOW);
            assertThat(meter.state().failures()).isZero();
            assertThat(meter.enterCode(code("top-up amount=1", 512).digits())).isInstanceOf(Accepted.class);
            assertThat(meter.enterCode(code("top-up amount=1", 513).digits())).isInstanceOf(Accepted.class);
        }

        @Test
        void aCodeMoreThan512AheadThatRebuildsInRangeFailsTheMacLikeAForgery() {
            // Saying "valid, but later" would tell a forger they hold a code the meter takes once the window moves.
            assertThat(meter.enterCode(code("top-up amount=1", 512).digits())).isInstanceOf(Accepted.class);

            assertThat(reason(meter.enterCode(code("top-up amount=1", 1537).digits())))
                    .isEqualTo(Rejection.BAD_MAC);
            assertThat(meter.state().failures()).isOne();
            assertThat(meter.enterCode(code("top-up amount=1", 1024).digits())).isInstanceOf(Accepted.class);
        }

        @Test
        void aGenuineCodeMoreThan511BehindIsTooOldEvenBeforeTheCacheIsFull() {
            assertThat(meter.enterCode(code("top-up amount=1", 300).digits())).isInstanceOf(Accepted.class);
            assertThat(meter.enterCode(code("top-up amount=1", 812).digits())).isInstanceOf(Accepted.class);

            assertThat(reason(meter.enterCode(code("top-up amount=1", 200).digits())))
                    .isEqualTo(Rejection.COUNTER_TOO_OLD);
            assertThat(meter.enterCode(code("top-up amount=1", 301).digits())).isInstanceOf(Accepted.class);
            assertThat(meter.state().failures()).isZero();
        }

        @Test
        void aCounterRebuiltPastTheLastThirtyTwoBitCounterNeverWrapsOntoAnOldCode() {
            // Rebuilt as 2^32 + 5, whose low 32 bits would give counter 5's key if the meter let it wrap.
            long highest = 0xFFFFFFFFL - 10;
            meter = new ReferenceMeterDecoder(
                    TestKeys.meterKey(),
                    DecoderSettings.DEFAULTS,
                    new MeterCodeState(
                            highest,
                            java.util.Collections.singletonList(highest),
                            java.util.Collections.emptyMap(),
                            java.util.Collections.emptyMap(),
                            0,
                            0,
                            Instant.EPOCH,
                            null),
                    clock);

            assertThat(reason(meter.enterCode(code("top-up amount=1", 5).digits())))
                    .isEqualTo(Rejection.COUNTER_TOO_OLD);
            assertThat(meter.state().failures()).isZero();
            assertThat(meter.enterCode(code("top-up amount=1", 0xFFFFFFFFL).digits()))
                    .isInstanceOf(Accepted.class);
        }

        @Test
        void topUpsMayBeEnteredOutOfOrderWithinTheCacheAsInGbcs() {
            assertThat(meter.enterCode(code("top-up amount=5", 5).digits())).isInstanceOf(Accepted.class);
            assertThat(meter.enterCode(code("top-up amount=3", 3).digits())).isInstanceOf(Accepted.class);
            assertThat(meter.state().highestCounter()).isEqualTo(5);
            assertThat(meter.state().acceptedCounters()).containsExactly(3L, 5L);
        }

        @Test
        void aCounterAtOrBelowTheOldestInAFullCacheIsTooOld() {
            meter = meter(DecoderSettings.DEFAULTS.withCounterCacheSize(3));
            for (long c = 10; c <= 13; c++) {
                assertThat(meter.enterCode(code("top-up amount=1", c).digits())).isInstanceOf(Accepted.class);
            }

            assertThat(meter.state().acceptedCounters()).containsExactly(11L, 12L, 13L);
            assertThat(reason(meter.enterCode(code("top-up amount=1", 10).digits())))
                    .isEqualTo(Rejection.COUNTER_TOO_OLD);
            assertThat(reason(meter.enterCode(code("top-up amount=1", 9).digits())))
                    .isEqualTo(Rejection.COUNTER_TOO_OLD);
            assertThat(reason(meter.enterCode(code("top-up amount=1", 12).digits())))
                    .isEqualTo(Rejection.DUPLICATE);
        }

        @Test
        void aSetIsRefusedOnceANewerCodeForTheSameSettingHasBeenAccepted() {
            CommandCode setCredit = code("set-credit balance=20", 6);
            assertThat(meter.enterCode(code("top-up amount=5", 7).digits())).isInstanceOf(Accepted.class);

            assertThat(reason(meter.enterCode(setCredit.digits()))).isEqualTo(Rejection.COUNTER_TOO_OLD);
            assertThat(meter.enterCode(code("set-credit balance=20", 8).digits()))
                    .isEqualTo(new Accepted(new SetCredit(2000), 8));
        }

        @Test
        void aPriceChangeStillGoesInAfterANewerTopUp() {
            assertThat(meter.enterCode(code("top-up amount=5", 7).digits())).isInstanceOf(Accepted.class);

            assertThat(meter.enterCode(code("change-price unit-rate=24.5 standing-charge=50", 6)
                            .digits()))
                    .isInstanceOf(Accepted.class);
            assertThat(reason(meter.enterCode(code("change-price unit-rate=20 standing-charge=50", 5)
                            .digits())))
                    .isEqualTo(Rejection.COUNTER_TOO_OLD);
        }

        @Test
        void anOlderTopUpIsVoidOnceANewerSetCreditHasBeenAccepted() {
            CommandCode olderTopUp = code("top-up amount=5", 3);
            assertThat(meter.enterCode(code("set-credit balance=20", 4).digits()))
                    .isInstanceOf(Accepted.class);

            assertThat(reason(meter.enterCode(olderTopUp.digits()))).isEqualTo(Rejection.COUNTER_TOO_OLD);
            assertThat(meter.enterCode(
                            code("add-debt register=time-based-1 amount=5", 2).digits()))
                    .as("another setting is untouched")
                    .isInstanceOf(Accepted.class);
        }

        @Test
        void debtRegistersAndFriendlyCreditSlotsAreSeparateSettings() {
            assertThat(meter.enterCode(code("set-debt register=time-based-2 amount=10 rate=1 period=per-day", 9)
                            .digits()))
                    .isInstanceOf(Accepted.class);
            assertThat(meter.enterCode(code("set-debt register=time-based-1 amount=10 rate=1 period=per-day", 8)
                            .digits()))
                    .isInstanceOf(Accepted.class);
            assertThat(meter.enterCode(code("set-friendly-credit-period slot=2 start=16:00 end=10:00 days=all", 7)
                            .digits()))
                    .isInstanceOf(Accepted.class);
            assertThat(meter.enterCode(code("set-friendly-credit-period slot=1 start=16:00 end=10:00 days=all", 6)
                            .digits()))
                    .isInstanceOf(Accepted.class);
            assertThat(reason(meter.enterCode(code("deduct-debt register=time-based-2 amount=1", 5)
                            .digits())))
                    .isEqualTo(Rejection.COUNTER_TOO_OLD);
        }

        @Test
        void aRevertVoidsEveryOlderCodeAndIsItselfRefusedAfterAnyNewerOne() {
            CommandCode olderTopUp = code("top-up amount=5", 3);
            CommandCode olderPrice = code("change-price unit-rate=24.5 standing-charge=50", 2);
            assertThat(meter.enterCode(code("revert-to-default", 4).digits())).isInstanceOf(Accepted.class);

            assertThat(reason(meter.enterCode(olderTopUp.digits()))).isEqualTo(Rejection.COUNTER_TOO_OLD);
            assertThat(reason(meter.enterCode(olderPrice.digits()))).isEqualTo(Rejection.COUNTER_TOO_OLD);
            assertThat(meter.enterCode(code("top-up amount=5", 6).digits())).isInstanceOf(Accepted.class);
            assertThat(reason(meter.enterCode(code("revert-to-default", 5).digits())))
                    .isEqualTo(Rejection.COUNTER_TOO_OLD);
        }

        @Test
        void aStaleChainedCodeIsJudgedOnlyWhenItsLastBlockBringsTheMac() {
            CommandCode price = code("change-price unit-rate=24.5 standing-charge=50", 2);
            assertThat(meter.enterCode(price.digits())).isInstanceOf(Accepted.class);

            assertThat(meter.enterBlock(price.blocks().get(0))).isEqualTo(new AwaitingBlock(1, 2));
            assertThat(reason(meter.enterBlock(price.blocks().get(1)))).isEqualTo(Rejection.DUPLICATE);
        }
    }

    @Nested
    class ChainedCodes {
        private final CommandCode economy7 = code(Examples.commandLines().get("change to Economy 7"), 3);

        @Test
        void blocksEnteredInOrderGiveTheCommand() {
            assertThat(meter.enterBlock(economy7.blocks().get(0))).isEqualTo(new AwaitingBlock(1, 3));
            assertThat(meter.enterBlock(economy7.blocks().get(1))).isEqualTo(new AwaitingBlock(2, 3));
            assertThat(meter.enterBlock(economy7.blocks().get(2))).isEqualTo(new Accepted(economy7.command(), 3));
        }

        @Test
        void aLaterBlockWithNothingBeforeItIsOutOfOrder() {
            assertThat(reason(meter.enterBlock(economy7.blocks().get(2)))).isEqualTo(Rejection.BLOCK_OUT_OF_ORDER);
        }

        @Test
        void skippingABlockIsOutOfOrderAndTheEntrySoFarIsKept() {
            meter.enterBlock(economy7.blocks().get(0));

            assertThat(reason(meter.enterBlock(economy7.blocks().get(2)))).isEqualTo(Rejection.BLOCK_OUT_OF_ORDER);
            assertThat(meter.enterBlock(economy7.blocks().get(1))).isEqualTo(new AwaitingBlock(2, 3));
            assertThat(meter.enterBlock(economy7.blocks().get(2))).isInstanceOf(Accepted.class);
        }

        @Test
        void aBlockFromAnotherCodeIsRefusedAndTheEntrySoFarIsKept() {
            CommandCode other = code(Examples.commandLines().get("change to Economy 7"), 4);
            meter.enterBlock(economy7.blocks().get(0));

            assertThat(reason(meter.enterBlock(other.blocks().get(1)))).isEqualTo(Rejection.BLOCK_FROM_ANOTHER_CODE);
            assertThat(reason(meter.enterBlock(code("add-debt register=time-based-1 amount=1", 3)
                            .blocks()
                            .get(1))))
                    .isEqualTo(Rejection.BLOCK_FROM_ANOTHER_CODE);
            assertThat(meter.enterBlock(economy7.blocks().get(1))).isEqualTo(new AwaitingBlock(2, 3));
        }

        @Test
        void aFirstBlockStartsAgainAbandoningTheCodeEnteredPartWay() {
            meter.enterBlock(economy7.blocks().get(0));
            meter.enterBlock(economy7.blocks().get(1));

            assertThat(meter.enterBlock(economy7.blocks().get(0))).isEqualTo(new AwaitingBlock(1, 3));
            assertThat(reason(meter.enterBlock(economy7.blocks().get(2)))).isEqualTo(Rejection.BLOCK_OUT_OF_ORDER);
        }

        @Test
        void theNextBlockAfterTheEntryTimeoutIsOutOfOrder() {
            meter.enterBlock(economy7.blocks().get(0));
            clock.advance(DecoderSettings.DEFAULTS.blockEntryTimeout().plusSeconds(1));

            assertThat(reason(meter.enterBlock(economy7.blocks().get(1)))).isEqualTo(Rejection.BLOCK_OUT_OF_ORDER);
        }

        @Test
        void aTamperedEarlierBlockFailsTheMacOfTheWholeCodeAndEntryStartsAgain() {
            // Change the first block's payload but keep its check digit right: only the MAC can notice.
            long first =
                    uk.lifeline.code.Ptut.fromCheckedDigits(economy7.blocks().get(0));
            String tampered = uk.lifeline.code.Ptut.toDigits(first ^ 1);
            meter.enterBlock(tampered);
            meter.enterBlock(economy7.blocks().get(1));

            assertThat(reason(meter.enterBlock(economy7.blocks().get(2)))).isEqualTo(Rejection.BAD_MAC);
            assertThat(meter.state().pending()).isNull();
            assertThat(meter.state().failures()).isEqualTo(1);
        }

        @Test
        void blocksSwappedBetweenPositionsFailBecauseTheIndexIsInEachBlock() {
            String[] swapped = Crafted.sign(
                    ISSUING, 9, Crafted.header(6, 9) | Crafted.index(1), Crafted.header(6, 9) | Crafted.index(0));

            assertThat(reason(meter.enterBlock(swapped[0]))).isEqualTo(Rejection.BLOCK_OUT_OF_ORDER);
        }

        @Test
        void aBlockIndexBeyondTheCodesLengthIsUnsupported() {
            String[] block = Crafted.sign(ISSUING, 9, Crafted.header(6, 9) | Crafted.index(2));

            assertThat(reason(meter.enterBlock(block[0]))).isEqualTo(Rejection.UNSUPPORTED);
        }
    }

    @Nested
    class Lockout {
        private final CommandCode forAnotherMeter = CodeEncoder.encode(new TopUp(100), 1, TestKeys.gbcsIssuingKey());

        private void fail(int times) {
            for (int i = 0; i < times; i++) {
                assertThat(reason(meter.enterCode(forAnotherMeter.digits()))).isEqualTo(Rejection.BAD_MAC);
            }
        }

        @Test
        void typosNeverCountTowardsLockout() {
            String good = code("top-up amount=1", 1).digits();
            String typo = good.substring(0, 10) + (char) ('0' + (good.charAt(10) - '0' + 5) % 10) + good.substring(11);
            for (int i = 0; i < 50; i++) {
                assertThat(reason(meter.enterCode(typo))).isEqualTo(Rejection.TYPO);
            }
            assertThat(reason(meter.enterCode("1234"))).isEqualTo(Rejection.TYPO);
            assertThat(reason(meter.enterBlock("7394333345718904331X"))).isEqualTo(Rejection.TYPO);

            assertThat(meter.state().failures()).isZero();
            assertThat(meter.enterCode(good)).isInstanceOf(Accepted.class);
        }

        @Test
        void theConfiguredNumberOfBadMacsLocksTheKeypadEvenForGoodCodes() {
            fail(5);

            assertThat(reason(meter.enterCode(code("top-up amount=1", 1).digits())))
                    .isEqualTo(Rejection.LOCKED_OUT);
            clock.advance(Duration.ofSeconds(10));
            assertThat(meter.enterCode(code("top-up amount=1", 1).digits())).isInstanceOf(Accepted.class);
        }

        @Test
        void eachFurtherLockoutLastsTwiceAsLongUpToTheCap() {
            long[] expectedSeconds = {10, 20, 40, 80, 160, 320, 640, 1280, 1280};
            for (long seconds : expectedSeconds) {
                fail(5);
                assertThat(meter.state().lockedUntil())
                        .isEqualTo(clock.instant().plusSeconds(seconds));
                clock.advance(Duration.ofSeconds(seconds - 1));
                assertThat(reason(meter.enterCode(forAnotherMeter.digits()))).isEqualTo(Rejection.LOCKED_OUT);
                clock.advance(Duration.ofSeconds(1));
            }
        }

        @Test
        void anAcceptedCodeResetsFailuresAndTheLockoutLength() {
            fail(5);
            clock.advance(Duration.ofSeconds(10));
            fail(4);
            assertThat(meter.enterCode(code("top-up amount=1", 1).digits())).isInstanceOf(Accepted.class);

            assertThat(meter.state().failures()).isZero();
            assertThat(meter.state().lockouts()).isZero();
            fail(5);
            assertThat(meter.state().lockedUntil()).isEqualTo(clock.instant().plusSeconds(10));
        }

        @Test
        void aSmallerThresholdIsHonoured() {
            meter = meter(DecoderSettings.DEFAULTS.withFailuresBeforeLockout(3));
            fail(3);

            assertThat(reason(meter.enterCode(forAnotherMeter.digits()))).isEqualTo(Rejection.LOCKED_OUT);
        }
    }

    @Test
    void aNonDisconnectPeriodThatHasEndedIsExpiredAndChangesNothing() {
        CommandCode ended = code("set-non-disconnect-period start=2026-11-20T06:00:00Z end=2026-11-23T08:00:00Z", 1);

        assertThat(reason(meter.enterCode(ended.digits()))).isEqualTo(Rejection.EXPIRED);
        assertThat(meter.state()).isEqualTo(MeterCodeState.FACTORY_FRESH);
        assertThat(meter.enterCode(
                        code("set-non-disconnect-period start=2026-11-20T06:00:00Z" + " end=2026-11-23T08:15:00Z", 2)
                                .digits()))
                .isInstanceOf(Accepted.class);
    }

    @Test
    void revertToDefaultHasNoParameters() {
        assertThat(meter.enterCode(code("revert-to-default", 1).digits()))
                .isEqualTo(new Accepted(new RevertToDefault(), 1));
    }
}
