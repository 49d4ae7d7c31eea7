package com.facegate.engine.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SamplerTest {

    @Test
    void anUnturnedSquareIsTheBoxMapOfThatSquare() {
        double[] turned = Sampler.rotatedBoxMap(60, 40, 32, 0, 16, 16);
        double[] box = Sampler.boxMap(44, 24, 76, 56, 16, 16);
        assertThat(turned).containsExactly(box, within(1e-12));
    }

    @Test
    void theOutputXAxisFollowsTheGivenDirection() {
        // A square of side 20 about (50, 50) turned by 90°: the output's x axis runs down the source's y axis.
        double[] m = Sampler.rotatedBoxMap(50, 50, 20, 90, 20, 20);
        double[] left = at(m, 0, 10), right = at(m, 19, 10);
        assertThat(right[0] - left[0]).isCloseTo(0, within(1e-9));
        assertThat(right[1] - left[1]).isCloseTo(19, within(1e-9));
        // and the output centre is the source centre (pixel-centre convention: −0.5)
        double[] centre = at(m, 9.5, 9.5);
        assertThat(centre[0]).isCloseTo(49.5, within(1e-9));
        assertThat(centre[1]).isCloseTo(49.5, within(1e-9));
    }

    @Test
    void anUprightCropOfATurnedImageMatchesTheUnturnedCrop() {
        // given a 64×64 image with a bright bar across it, and the same image turned by 30°
        BgrImage flat = bar(0), turned = bar(30);
        float[] a = new float[3 * 16 * 16], b = new float[3 * 16 * 16];
        float[] zero = {0, 0, 0}, one = {1, 1, 1};
        // when each is cropped upright about the centre (the turned one turned back by its 30°)
        Sampler.colour(flat, Sampler.rotatedBoxMap(32, 32, 32, 0, 16, 16), 16, 16, Sampler.Order.BGR,
                Sampler.Border.ZERO, zero, one, a);
        Sampler.colour(turned, Sampler.rotatedBoxMap(32, 32, 32, 30, 16, 16), 16, 16, Sampler.Order.BGR,
                Sampler.Border.ZERO, zero, one, b);
        // then the two crops agree up to resampling blur
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff += Math.abs(a[i] - b[i]);
        }
        assertThat(diff / a.length).isLessThan(12.0);
        // and without turning back they do not
        Sampler.colour(turned, Sampler.rotatedBoxMap(32, 32, 32, 0, 16, 16), 16, 16, Sampler.Order.BGR,
                Sampler.Border.ZERO, zero, one, b);
        double wrong = 0;
        for (int i = 0; i < a.length; i++) {
            wrong += Math.abs(a[i] - b[i]);
        }
        assertThat(wrong / a.length).isGreaterThan(3 * diff / a.length);
    }

    private static double[] at(double[] m, double u, double v) {
        return new double[] {m[0] * u + m[1] * v + m[2], m[3] * u + m[4] * v + m[5]};
    }

    /**
     * A horizontal bar 8 px high through the centre of a 64×64 black image, turned by {@code degrees} (clockwise on
     * screen).
     */
    private static BgrImage bar(double degrees) {
        int n = 64;
        byte[] bgr = new byte[n * n * 3];
        double t = Math.toRadians(degrees), c = (n - 1) / 2.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // the point of the unturned image that lands here
                double ux = Math.cos(t) * (x - c) + Math.sin(t) * (y - c),
                        uy = -Math.sin(t) * (x - c) + Math.cos(t) * (y - c);
                boolean on = Math.abs(uy) < 4 && Math.abs(ux) < 28;
                for (int k = 0; k < 3; k++) {
                    bgr[3 * (y * n + x) + k] = (byte) (on ? 220 : 0);
                }
            }
        }
        return new BgrImage(n, n, bgr);
    }
}
