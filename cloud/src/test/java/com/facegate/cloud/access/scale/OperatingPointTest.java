package com.facegate.cloud.access.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OperatingPointTest {
    /** Four measured similarities over 10 M impostor pairs: FAR 1e-3, 1e-5, 1e-6, 1e-7. */
    private static FalseAcceptTable small() throws IOException {
        String tsv = "# test table\n" + FalseAcceptTable.header() + "\n"
                + "90.000\t10000\t10000000\t1.0000e-03\t9.8e-04\t1.02e-03\t0.016\n"
                + "99.000\t100\t10000000\t1.0000e-05\t8.2e-06\t1.2e-05\t0.045\n"
                + "99.200\t10\t10000000\t1.0000e-06\t5.4e-07\t1.8e-06\t0.080\n"
                + "99.400\t1\t10000000\t1.0000e-07\t1.8e-08\t5.7e-07\t0.200\n"
                + "99.500\t0\t10000000\t0.0000e+00\t0.0e+00\t3.8e-07\t0.300\n";
        return FalseAcceptTable.parse(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pairRateIsWhatGivesTheTargetPerVisit() {
        double far = OperatingPoint.pairFarFor(1e-3, 1000);
        assertThat(far).isBetween(1.0e-6, 1.0005e-6);
        assertThat(OperatingPoint.fpirFor(far, 1000)).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void thresholdRisesWithTheGallery() throws IOException {
        FalseAcceptTable t = small();
        OperatingPoint ten = OperatingPoint.of(t, 1e-3, 1);
        OperatingPoint hundred = OperatingPoint.of(t, 1e-3, 100);
        OperatingPoint thousand = OperatingPoint.of(t, 1e-3, 1000);
        assertThat(ten.threshold()).isEqualTo(90.0);
        assertThat(hundred.threshold()).isEqualTo(99.0);
        assertThat(thousand.threshold()).isEqualTo(99.2);
        assertThat(thousand.status()).isEqualTo(OperatingPoint.Status.MET);
        assertThat(thousand.expectedFpir()).isLessThanOrEqualTo(1e-3).isGreaterThan(9e-4);
        assertThat(thousand.fpirHigh()).isGreaterThan(thousand.expectedFpir());
        assertThat(thousand.expectedFrr()).isEqualTo(0.080);
    }

    @Test
    void unusableFalseRejectOrUnmeasurableRateAsksForASecondFactor() throws IOException {
        OperatingPoint tenThousand = OperatingPoint.of(small(), 1e-3, 10_000);
        assertThat(tenThousand.threshold()).isEqualTo(99.4);
        assertThat(tenThousand.status()).isEqualTo(OperatingPoint.Status.UNUSABLE_FRR);
        assertThat(tenThousand.status().needsSecondFactor()).isTrue();
        OperatingPoint beyond = OperatingPoint.of(small(), 1e-5, 10_000);
        assertThat(beyond.status().needsSecondFactor()).isTrue();
        assertThat(OperatingPoint.of(small(), 1e-3, 1000).status().needsSecondFactor()).isFalse();
    }

    @Test
    void shippedTableGivesAThresholdThatNeverFallsAsTheGalleryGrows() {
        FalseAcceptTable shipped = FalseAcceptTable.shipped();
        assertThat(shipped.provenance()).anyMatch(l -> l.contains("impostors"));
        double previous = 0;
        for (int faces : new int[] {1, 10, 100, 500, 1000, 2000, 5000}) {
            double t = OperatingPoint.of(shipped, 1e-3, faces).threshold();
            assertThat(t).isGreaterThanOrEqualTo(previous);
            previous = t;
        }
        assertThat(OperatingPoint.of(shipped, 1e-3, 2000).threshold())
                .isGreaterThan(OperatingPoint.of(shipped, 1e-3, 10).threshold());
    }

    @Test
    void rejectsTargetsOutsideTheUnitIntervalAndMalformedTables() {
        assertThatThrownBy(() -> OperatingPoint.of(small(), 0, 10)).hasMessageContaining("within (0, 1)");
        String bad = FalseAcceptTable.header() + "\n90\tten\t100\t0.1\t0.1\t0.1\t0.01\n";
        assertThatThrownBy(() -> FalseAcceptTable.parse(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("line 2");
    }
}
