package com.facegate.cli.admin;

import com.facegate.cloud.enroll.FactorAdmin;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A badge's second factors: cards, PIN, duress PIN, and unlocking a PIN locked by wrong tries. A PIN is read from
 * the console (twice, not echoed) or from the first line of stdin, never from the command line, where it would stay
 * in shell history and process listings.
 */
@Command(name = "badge", mixinStandardHelpOptions = true, description = "A badge's cards and PINs.",
        subcommands = {BadgeFactorsCommand.Card.class, BadgeFactorsCommand.Pin.class,
                BadgeFactorsCommand.DuressPin.class, BadgeFactorsCommand.PinUnlock.class})
final class BadgeFactorsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: card, pin, duress-pin or pin-unlock");
    }

    static FactorAdmin factors(AdminSession session) {
        return new FactorAdmin(session.config(), session.clients(), Clock.systemUTC());
    }

    @Command(name = "card", mixinStandardHelpOptions = true, description = "Add or remove a card of a badge.")
    static final class Card extends AdminAction {
        @Parameters(index = "0", paramLabel = "BADGE")
        String badgeId;

        @Option(names = "--add", paramLabel = "NUMBER", description = "card number as the reader decodes it")
        String add;

        @Option(names = "--remove", paramLabel = "NUMBER")
        String remove;

        @Option(names = "--by", paramLabel = "WHO", description = "who changes it, for the audit (default: OS user)")
        String by;

        @Override
        void prepare() {
            if ((add == null) == (remove == null)) {
                throw new ParameterException(spec.commandLine(), "give one of --add NUMBER or --remove NUMBER");
            }
        }

        @Override
        int run(AdminSession session) {
            String who = by == null ? defaultRequester() : by;
            if (add != null) {
                factors(session).addCard(badgeId, add, who);
                out().println("card added to badge " + badgeId);
            } else {
                factors(session).removeCard(badgeId, remove, who);
                out().println("card removed from badge " + badgeId);
            }
            out().flush();
            return OK;
        }
    }

    /** Reads a PIN, hands it to {@link #store}, wipes it: the one path every PIN takes from the keyboard. */
    abstract static class SetPinAction extends AdminAction {
        @Parameters(index = "0", paramLabel = "BADGE")
        String badgeId;

        @Option(names = "--by", paramLabel = "WHO", description = "who sets it, for the audit (default: OS user)")
        String by;

        /** Names the PIN in the prompt and the confirmation, e.g. "duress PIN". */
        abstract String what();

        abstract void store(FactorAdmin factors, String badge, char[] pin, String who);

        @Override
        final int run(AdminSession session) throws IOException {
            char[] pin = readPin(what());
            try {
                store(factors(session), badgeId, pin, by == null ? defaultRequester() : by);
            } finally {
                Arrays.fill(pin, '\0');
            }
            out().println(what() + " set for badge " + badgeId);
            out().flush();
            return OK;
        }
    }

    @Command(name = "pin", mixinStandardHelpOptions = true,
            description = "Set a badge's PIN (read from the console or stdin; clears a lock-out).")
    static final class Pin extends SetPinAction {
        @Override
        String what() {
            return "PIN";
        }

        @Override
        void store(FactorAdmin factors, String badge, char[] pin, String who) {
            factors.setPin(badge, pin, who);
        }
    }

    @Command(name = "duress-pin", mixinStandardHelpOptions = true,
            description = "Set a badge's duress PIN: it opens as usual and raises a silent DURESS alarm.")
    static final class DuressPin extends SetPinAction {
        @Override
        String what() {
            return "duress PIN";
        }

        @Override
        void store(FactorAdmin factors, String badge, char[] pin, String who) {
            factors.setDuressPin(badge, pin, who);
        }
    }

    @Command(name = "pin-unlock", mixinStandardHelpOptions = true,
            description = "Unlock a badge's PIN after too many wrong PINs (audited).")
    static final class PinUnlock extends AdminAction {
        @Parameters(index = "0", paramLabel = "BADGE")
        String badgeId;

        @Option(names = "--by", paramLabel = "WHO", description = "who unlocks, for the audit (default: OS user)")
        String by;

        @Override
        int run(AdminSession session) {
            factors(session).unlockPin(badgeId, by == null ? defaultRequester() : by);
            out().println("PIN of badge " + badgeId + " unlocked");
            out().flush();
            return OK;
        }
    }

    /** Twice, unechoed, on a console; else the first line of stdin. */
    @SuppressWarnings("SystemConsoleNull") // Java 17 (our release): null is how "no terminal" shows
    static char[] readPin(String what) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("%s: ", what);
            char[] again = console.readPassword("%s again: ", what);
            try {
                if (first == null || again == null || !Arrays.equals(first, again)) {
                    throw new IllegalArgumentException("the two entries differ");
                }
                return first.clone();
            } finally {
                if (first != null) {
                    Arrays.fill(first, '\0');
                }
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
            }
        }
        Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8);
        char[] buf = new char[64];
        int n = 0;
        for (int c = in.read(); c != -1 && c != '\n' && n < buf.length; c = in.read()) {
            if (c != '\r') {
                buf[n++] = (char) c;
            }
        }
        char[] pin = Arrays.copyOf(buf, n);
        Arrays.fill(buf, '\0');
        return pin;
    }
}
