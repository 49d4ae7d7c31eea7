package com.facegate.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a door may act on a command or decision, by its own clock. A message is valid from {@code issuedAt} to
 * {@code expiresAt}, which may be at most {@link #MAX} apart; the door allows {@code skew} between the sender's
 * clock and its own. These bounds are what let the door's once-only memory cover a fixed window: a message it has
 * honoured can only come back while that window lasts, so nothing inside it ever needs to be forgotten.
 */
public final class Validity {
    /** The longest validity of a command or decision (the admin CLI's own maximum for a remote unlock). */
    public static final Duration MAX = Duration.ofMinutes(5);

    /** Why the door will not act now: a reason code ({@link Reasons}) and the field and rule. */
    public record Refusal(String reason, Problem problem) {}

    private Validity() {}

    /**
     * Empty when a message valid from {@code issuedAt} until {@code expiresAt} may be acted on at {@code now};
     * otherwise the first rule it breaks (validity longer than {@code max}, issued in the future or longer than
     * {@code max} ago, or expired), each allowing {@code skew}.
     */
    public static Optional<Refusal> at(Instant now, Instant issuedAt, Instant expiresAt, Duration skew, Duration max) {
        if (Duration.between(issuedAt, expiresAt).compareTo(max) > 0) {
            return refuse(Reasons.MALFORMED, "expiresAt", tooLong(max, "issuedAt"));
        }
        if (issuedAt.isAfter(now.plus(skew))) {
            return refuse(Reasons.NOT_YET_VALID, "issuedAt",
                    roughly(Duration.between(now, issuedAt)) + " in the future (skew " + span(skew) + ")");
        }
        if (issuedAt.isBefore(now.minus(max).minus(skew))) {
            return refuse(Reasons.EXPIRED, "issuedAt", "older than " + span(max) + " (skew " + span(skew) + ")");
        }
        if (now.isAfter(expiresAt.plus(skew))) {
            return refuse(Reasons.EXPIRED, "expiresAt",
                    roughly(Duration.between(expiresAt, now)) + " ago (skew " + span(skew) + ")");
        }
        return Optional.empty();
    }

    /**
     * How long a door must remember an id it honoured at some instant so that no replay can be acted on after it
     * is forgotten: a replay needs {@code issuedAt <= honouredAt + skew} and is refused once
     * {@code now > issuedAt + max + skew}.
     */
    public static Duration rememberFor(Duration max, Duration skew) {
        return max.plus(skew).plus(skew);
    }

    static String tooLong(Duration max, String fromName) {
        return "more than " + span(max) + " after " + fromName;
    }

    /** A limit for people, in its largest whole unit: {@code 5 minutes}, {@code 90 s}, {@code 1500 ms}. */
    public static String span(Duration d) {
        Duration a = d.abs();
        if (a.toNanosPart() % 1_000_000 != 0 || a.toMillisPart() != 0) {
            return a.toMillis() + " ms";
        }
        long s = a.toSeconds();
        if (s >= 86_400 && s % 86_400 == 0) {
            return plural(s / 86_400, "day");
        }
        if (s >= 3600 && s % 3600 == 0) {
            return plural(s / 3600, "hour");
        }
        return s >= 60 && s % 60 == 0 ? plural(s / 60, "minute") : s + " s";
    }

    /** A measured time for people, rounded down to its largest unit: {@code 1 day}, {@code 3 hours}, {@code 4 s}. */
    public static String roughly(Duration d) {
        Duration a = d.abs();
        if (a.toDays() > 0) {
            return plural(a.toDays(), "day");
        }
        if (a.toHours() > 0) {
            return plural(a.toHours(), "hour");
        }
        if (a.toMinutes() > 0) {
            return plural(a.toMinutes(), "minute");
        }
        return a.toSeconds() > 0 ? a.toSeconds() + " s" : a.toMillis() + " ms";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static Optional<Refusal> refuse(String reason, String field, String rule) {
        return Optional.of(new Refusal(reason, new Problem(field, rule)));
    }
}
