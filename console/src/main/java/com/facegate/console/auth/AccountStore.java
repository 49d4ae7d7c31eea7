package com.facegate.console.auth;

import com.facegate.local.aws.pki.SecureFiles;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The console's accounts, in {@code accounts.json} of the console's state folder, written owner-only (0600, folder
 * 0700) and atomically. Only Argon2id hashes are stored. A few accounts per site: the whole file is rewritten.
 */
public final class AccountStore {
    public static final String FILE = "accounts.json";
    public static final String FIRST_ADMIN = "admin";
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
    private static final int GENERATED_LENGTH = 20;

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, Account> accounts = new TreeMap<>();
    private Consumer<Account> onCreated;

    private AccountStore(Path dir, Clock clock) {
        this.file = SecureFiles.privateDirectory(dir).resolve(FILE);
        this.clock = clock;
    }

    public static AccountStore open(Path dir, Clock clock) {
        AccountStore s = new AccountStore(dir, clock);
        s.load();
        return s;
    }

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * When there is no account yet: creates {@value #FIRST_ADMIN} with a generated password and returns it, for
     * printing once. Empty when accounts exist (the password is never stored in clear, so it cannot be shown again).
     */
    public synchronized Optional<String> ensureFirstAdmin() {
        if (!accounts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(create(FIRST_ADMIN, Role.ADMIN));
    }

    /** Creates an account with a generated password, returned once. */
    public synchronized String create(String id, Role role) {
        String password = Passwords.generate(GENERATED_LENGTH);
        put(id, role, password);
        return password;
    }

    /** Creates or replaces an account with this password (tests and password changes). */
    public synchronized void put(String id, Role role, String password) {
        if (!validId(id)) {
            throw new IllegalArgumentException("account id must be 2-32 of a-z 0-9 . _ - starting with a letter");
        }
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("password must have at least 12 characters");
        }
        Account a = new Account(id, role, Passwords.hash(password), clock.instant(), false, null, null);
        accounts.put(id, a);
        save();
        if (onCreated != null) {
            onCreated.accept(a);
        }
    }

    /**
     * Audits every account whose creation is not on the audit trail yet, and from now on each new one as it is
     * created ({@code audit} throws when the audit cannot be written: the account then stays unaudited, to retry).
     */
    public synchronized void auditCreations(Consumer<Account> audit) {
        this.onCreated = a -> {
            audit.accept(a);
            markAudited(a.id());
        };
        for (Account a : List.copyOf(accounts.values())) {
            if (!a.creationAudited()) {
                onCreated.accept(a);
            }
        }
    }

    public synchronized Optional<Account> find(String id) {
        return Optional.ofNullable(id == null ? null : accounts.get(id));
    }

    /**
     * Turns the account's second factor on: a base32 TOTP secret the account has proven it holds with the code of
     * {@code provenStep}, which is used up by that proof.
     */
    public synchronized void enableTotp(String id, String secret, long provenStep) {
        accounts.put(id, existing(id).withTotp(secret, provenStep));
        save();
    }

    /** Turns the account's second factor off (the caller has checked a fresh code). */
    public synchronized void disableTotp(String id) {
        accounts.put(id, existing(id).withTotp(null, null));
        save();
    }

    /**
     * Uses up the TOTP time step {@code step} for this account: true only the first time, and only for a step newer
     * than every step used before, checked and recorded in one step (two requests racing with one code: one wins)
     * and persisted, so a code stays used across a restart.
     */
    public synchronized boolean useTotpStep(String id, long step) {
        Account a = accounts.get(id);
        if (a == null || !a.hasSecondFactor() || step < 0
                || (a.totpStepUsed() != null && step <= a.totpStepUsed())) {
            return false;
        }
        accounts.put(id, a.withTotp(a.totpSecret(), step));
        save();
        return true;
    }

    private Account existing(String id) {
        Account a = accounts.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no such account: " + id);
        }
        return a;
    }

    private void markAudited(String id) {
        accounts.computeIfPresent(id, (k, a) -> a.audited());
        save();
    }

    /** The account when id and password match; empty otherwise (the hash is computed even for unknown ids). */
    public Optional<Account> authenticate(String id, String password) {
        Account a;
        synchronized (this) {
            a = id == null ? null : accounts.get(id);
        }
        String hash = a != null ? a.passwordHash() : DUMMY_HASH;
        boolean ok = password != null && Passwords.verify(password, hash);
        return ok && a != null ? Optional.of(a) : Optional.empty();
    }

    public synchronized List<Account> list() {
        return List.copyOf(accounts.values());
    }

    /** Same cost as a real check, so response time does not tell which account ids exist. */
    private static final String DUMMY_HASH = Passwords.hash(Passwords.generate(GENERATED_LENGTH));

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<Account> list = json.readValue(file.toFile(), new TypeReference<List<Account>>() { });
            list.forEach(a -> accounts.put(a.id(), a));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console accounts " + file, e);
        }
    }

    private void save() {
        try {
            SecureFiles.writeSecret(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(accounts.values()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write console accounts " + file, e);
        }
    }
}
