package com.facegate.local.aws.lambda;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How long S3 takes to hand an ObjectCreated event to its Lambda target: a mix of two log-normal distributions, the
 * body and a slow tail, capped. {@link #NONE} (the default: tests stay deterministic) delivers at once.
 *
 * <p>{@link #AWS_LIKE}: AWS documents that "typically, event notifications are delivered in seconds but can
 * sometimes take a minute or longer" (Amazon S3 User Guide, "Amazon S3 Event Notifications"). Issue 14 quotes a
 * third-party test of 1,000 objects with S3→Lambda at a mean of 7.1 s (6.3–8.3 s). The body here has its median at
 * 1.2 s (95% under about 2.1 s), one event in ten comes from a tail with its median at 8 s, and nothing takes over
 * 60 s: most events within a second or two, a tail to tens of seconds, a mean of about 2.3 s.
 */
public record NotificationDelay(Duration median, double sigma, double tailShare, Duration tailMedian,
                                double tailSigma, Duration max) {
    public static final NotificationDelay NONE = new NotificationDelay(Duration.ZERO, 0, 0, Duration.ZERO, 0,
            Duration.ZERO);
    public static final NotificationDelay AWS_LIKE = new NotificationDelay(Duration.ofMillis(1200), 0.35, 0.10,
            Duration.ofSeconds(8), 0.8, Duration.ofSeconds(60));

    public NotificationDelay {
        Objects.requireNonNull(median);
        Objects.requireNonNull(tailMedian);
        Objects.requireNonNull(max);
        if (sigma < 0 || tailSigma < 0 || tailShare < 0 || tailShare > 1 || median.isNegative()
                || tailMedian.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("delays and sigmas must not be negative; the tail share is 0..1");
        }
    }

    public boolean isNone() {
        return max.isZero();
    }

    /** One delay drawn from the distribution. */
    public Duration draw(SplittableRandom random) {
        if (isNone()) {
            return Duration.ZERO;
        }
        boolean tail = random.nextDouble() < tailShare;
        Duration m = tail ? tailMedian : median;
        double s = tail ? tailSigma : sigma;
        double millis = m.toMillis() * Math.exp(s * gaussian(random));
        return Duration.ofMillis(Math.round(Math.min(millis, (double) max.toMillis())));
    }

    /** Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default. */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
