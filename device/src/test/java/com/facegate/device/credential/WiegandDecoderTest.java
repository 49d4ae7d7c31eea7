package com.facegate.device.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Wiegand frames from synthetic timed pulses: good 26/34 bit cards and keys decode, everything else is refused. */
class WiegandDecoderTest {
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;

    private final WiegandDecoder decoder = new WiegandDecoder(Duration.ofNanos(100 * US), Duration.ofMillis(25));
    private long now = 1_000 * MS;

    /** Sends the bits {@code gapNanos} apart, then waits out the silence; returns every frame that ended. */
    private List<WiegandFrame> send(String bits, long... gapNanos) {
        List<WiegandFrame> out = new ArrayList<>();
        for (int i = 0; i < bits.length(); i++) {
            decoder.bit(bits.charAt(i) - '0', now).ifPresent(out::add);
            now += gapNanos.length == 0 ? 2 * MS : gapNanos[i % gapNanos.length];
        }
        now += 30 * MS;
        decoder.endIfSilent(now).ifPresent(out::add);
        return out;
    }

    private WiegandFrame one(String bits, long... gapNanos) {
        List<WiegandFrame> frames = send(bits, gapNanos);
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    @Test
    void givenAGood26BitFrame_whenDecoded_thenFacilityAndCardComeOutJoinedAndPadded() {
        WiegandFrame f = one(WiegandBits.h26(12, 345));

        assertThat(f).isEqualTo(new WiegandFrame.Card(26, 12, 345));
        assertThat(((WiegandFrame.Card) f).joined()).isEqualTo("01200345");
    }

    @Test
    void givenTheLargestValuesIn26And34Bits_whenDecoded_thenNoBitIsLost() {
        assertThat(one(WiegandBits.h26(255, 65535))).isEqualTo(new WiegandFrame.Card(26, 255, 65535));
        WiegandFrame f = one(WiegandBits.w34(65535, 1));
        assertThat(f).isEqualTo(new WiegandFrame.Card(34, 65535, 1));
        assertThat(((WiegandFrame.Card) f).joined()).isEqualTo("6553500001");
    }

    @Test
    void givenAGood34BitFrame_whenDecoded_thenItIsACard() {
        assertThat(one(WiegandBits.w34(4321, 60000))).isEqualTo(new WiegandFrame.Card(34, 4321, 60000));
    }

    @Test
    void givenOneFlippedBitInEitherHalf_whenDecoded_thenParityRejectsTheFrame() {
        String good = WiegandBits.h26(12, 345);

        WiegandFrame firstHalf = one(WiegandBits.flip(good, 5));
        WiegandFrame secondHalf = one(WiegandBits.flip(good, 20));
        WiegandFrame parity34 = one(WiegandBits.flip(WiegandBits.w34(4321, 60000), 33));

        assertThat(firstHalf).isInstanceOf(WiegandFrame.Rejected.class);
        assertThat(((WiegandFrame.Rejected) firstHalf).reason()).contains("even parity over bits 1-12");
        assertThat(((WiegandFrame.Rejected) secondHalf).reason()).contains("odd parity over bits 13-24");
        assertThat(((WiegandFrame.Rejected) parity34).reason()).contains("odd parity over bits 17-32");
    }

    @Test
    void givenTooFewOrTooManyBits_whenDecoded_thenTheCountIsTheReason() {
        String good = WiegandBits.h26(12, 345);

        assertThat(one(good.substring(1))).isEqualTo(new WiegandFrame.Rejected(25,
                "wrong bit count: 25 (accepts 4, 8, 26, 34)"));
        assertThat(one(good + "1")).isEqualTo(new WiegandFrame.Rejected(27,
                "wrong bit count: 27 (accepts 4, 8, 26, 34)"));
        assertThat(one("1".repeat(70))).isEqualTo(new WiegandFrame.Rejected(70,
                "too many bits: 70 (accepts 4, 8, 26, 34)"));
    }

    @Test
    void givenTwoBitsCloserThanTheMinimumGap_whenDecoded_thenTheWholeFrameIsGarbage() {
        String good = WiegandBits.h26(12, 345);
        long[] gaps = new long[26];
        java.util.Arrays.fill(gaps, 2 * MS);
        gaps[10] = 20 * US; // both lines pulled at once, or noise on the wire

        WiegandFrame f = one(good, gaps);

        assertThat(f).isInstanceOf(WiegandFrame.Rejected.class);
        assertThat(((WiegandFrame.Rejected) f).reason()).isEqualTo(
                "garbage timing: bits 20 us apart (minimum 100 us)");
        assertThat(f.toString()).doesNotContain("345");
    }

    @Test
    void givenBitsFrom200MicrosecondsTo20MillisecondsApart_whenDecoded_thenTheCardIsRead() {
        WiegandFrame f = one(WiegandBits.h26(200, 40000), 200 * US, 20 * MS, 1 * MS, 7 * MS);

        assertThat(f).isEqualTo(new WiegandFrame.Card(26, 200, 40000));
    }

    @Test
    void givenTwoFramesInARowAndNoSilenceCheckBetween_whenTheSecondStarts_thenTheFirstIsReturnedWhole() {
        String a = WiegandBits.h26(1, 2);
        for (int i = 0; i < a.length(); i++) {
            assertThat(decoder.bit(a.charAt(i) - '0', now)).isEmpty();
            now += 2 * MS;
        }
        now += 40 * MS;

        Optional<WiegandFrame> first = decoder.bit(1, now);

        assertThat(first).contains(new WiegandFrame.Card(26, 1, 2));
        assertThat(decoder.inFrame()).isTrue();
    }

    @Test
    void givenKeypadBursts_whenDecoded_thenDigitsStarAndHashComeOutAndBadChecksAreRefused() {
        assertThat(one(WiegandBits.binary(7, 4))).isEqualTo(new WiegandFrame.Key('7'));
        assertThat(one(WiegandBits.binary(11, 4))).isEqualTo(new WiegandFrame.Key('#'));
        assertThat(one(WiegandBits.key8(10))).isEqualTo(new WiegandFrame.Key('*'));
        assertThat(one(WiegandBits.key8(3))).isEqualTo(new WiegandFrame.Key('3'));

        WiegandFrame badCheck = one("0000" + WiegandBits.binary(3, 4));
        WiegandFrame noKey = one(WiegandBits.binary(13, 4));

        assertThat(((WiegandFrame.Rejected) badCheck).reason()).contains("not the complement");
        assertThat(((WiegandFrame.Rejected) noKey).reason()).contains("key code 13 is no key");
    }

    @Test
    void givenBitsStillComing_whenAskedBeforeTheSilence_thenNoFrameEndsYet() {
        decoder.bit(1, now);

        assertThat(decoder.endIfSilent(now + 24 * MS)).isEmpty();
        assertThat(decoder.endIfSilent(now + 25 * MS)).contains(new WiegandFrame.Rejected(1,
                "wrong bit count: 1 (accepts 4, 8, 26, 34)"));
    }
}
