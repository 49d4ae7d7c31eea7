package com.facegate.bench.console;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.Registry;
import com.facegate.console.ConsoleServer;
import com.facegate.console.ConsoleSettings;
import com.facegate.console.auth.Role;
import com.facegate.site.LocalSite;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./facegate bench console --badges 5000 --audit 100000}: the admin console over a local site seeded with a
 * realistic registry and audit trail ({@link ConsoleSeed}), its list and search pages timed through HTTP with a
 * signed-in session, beside two references from the same run (a page that reads no store, one S3 GET), then a
 * bulk import ({@link ImportProbe}). Last line: {@code console badges=N audit=N list_p95_ms=.. search_p95_ms=..
 * import_per_s=..} plus the references and ratios.
 */
public final class ConsoleBench {
    static final String ACCOUNT = "bench-admin";
    static final String PASSWORD = "bench console password";
    private static final String USAGE = "usage: bench console [--badges 5000] [--audit 100000] [--days 30]"
            + " [--audit-per-object 20] [--doors 20] [--requests 60] [--warmup 5] [--import 100] [--images DIR]"
            + " [--data DIR]";

    private ConsoleBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        try {
            return bench(parse(args), out);
        } catch (NumberFormatException e) {
            out.println(USAGE);
            out.println("not a number: " + e.getMessage());
            return 2;
        }
    }

    private static int bench(Map<String, String> o, PrintStream out) throws Exception {
        if (o == null) {
            out.println(USAGE);
            return 2;
        }
        int badges = Integer.parseInt(o.getOrDefault("badges", "5000"));
        int audit = Integer.parseInt(o.getOrDefault("audit", "100000"));
        int days = Integer.parseInt(o.getOrDefault("days", "30"));
        int perObject = Integer.parseInt(o.getOrDefault("audit-per-object", "20"));
        int doors = Integer.parseInt(o.getOrDefault("doors", "20"));
        int requests = Integer.parseInt(o.getOrDefault("requests", "60"));
        int warmUp = Integer.parseInt(o.getOrDefault("warmup", "5"));
        int importRows = Integer.parseInt(o.getOrDefault("import", "100"));
        Path images = Path.of(o.getOrDefault("images", "../shared/faces/lfw"));
        Path data = o.containsKey("data") ? Path.of(o.get("data")) : Files.createTempDirectory("facegate-console");
        if (badges < 100 || audit < 0 || days < 1 || doors < 1 || requests < 5 || perObject < 1) {
            out.println(USAGE);
            out.println("--badges at least 100, --days and --doors at least 1, --requests at least 5");
            return 2;
        }
        Instant now = Instant.now();
        try (LocalSite site = LocalSite.builder(data).ephemeral().noCamera().start()) {
            BadgeAdmin admin = site.admin();
            S3Client s3 = site.cloud().clients().s3();
            String bucket = site.cloud().config().bucket();
            long t0 = System.nanoTime();
            ConsoleSeed.badges(admin.registry(), badges, now);
            long t1 = System.nanoTime();
            ConsoleSeed.audit(s3, bucket, audit, perObject, days, doors, badges, now);
            long t2 = System.nanoTime();
            out.printf(Locale.ROOT, "seeded %d badges (one enrolled photo outcome each) in %.1f s, %d audit records"
                    + " (%d per object, %d doors, last %d days) in %.1f s%n", badges, (t1 - t0) / 1e9, audit,
                    perObject, doors, days, (t2 - t1) / 1e9);
            Path state = Files.createTempDirectory(data, "console-state");
            try (ConsoleServer console = ConsoleServer.start(new ConsoleSettings("127.0.0.1", 0, state, 100,
                    Duration.ofMinutes(15)), admin, true, Clock.systemUTC())) {
                console.accounts().put(ACCOUNT, Role.ADMIN, PASSWORD);
                ConsoleClient client = new ConsoleClient("http://localhost:" + console.port());
                client.signIn(ACCOUNT, PASSWORD);
                Figures f = measure(out, client, s3, bucket, badges, now, days, warmUp, requests);
                ImportProbe.Result imp = ImportProbe.run(admin, images, importRows, now);
                out.printf(Locale.ROOT, "import rows=%d photos=%s enrolled=%d rejected=%d in %.1f s%n", imp.rows(),
                        imp.photos(), imp.enrolled(), imp.rejected(), imp.seconds());
                out.printf(Locale.ROOT, "console badges=%d audit=%d list_p95_ms=%.0f search_p95_ms=%.0f"
                        + " import_per_s=%.2f import_photos=%s trivial_p95_ms=%.1f s3_get_p95_ms=%.1f"
                        + " ratio_to_trivial=%.1f ratio_to_s3_get=%.1f%n", badges, audit, f.list, f.search,
                        imp.perSecond(), imp.photos(), f.trivial, f.s3Get, f.list / f.trivial, f.list / f.s3Get);
            }
        }
        return 0;
    }

    private record Figures(double list, double search, double trivial, double s3Get) {}

    private static Figures measure(PrintStream out, ConsoleClient c, S3Client s3, String bucket, int badges,
                                   Instant now, int days, int warmUp, int n) throws Exception {
        String week = now.minus(Duration.ofDays(Math.min(7, days))).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String badge = ConsoleSeed.badgeId(badges / 2);
        double[] trivial = page(out, c, "trivial", "/account", warmUp, n, "Account " + ACCOUNT);
        double[] people = page(out, c, "list", "/people", warmUp, n, badges + " badge(s)");
        double[] peopleLast = page(out, c, "list", "/people?page=" + ((badges - 1) / 50), warmUp, n, "badge(s)");
        double[] audit = page(out, c, "list", "/audit", warmUp, n, "record(s)");
        double[] byName = page(out, c, "search", "/people?q=Tanaka", warmUp, n, "badge(s)");
        double[] byGroup = page(out, c, "search", "/people?q=night-shift&page=1", warmUp, n, "badge(s)");
        double[] auditBadge = page(out, c, "search", "/audit?badge=" + badge + "&from=" + week, warmUp, n,
                "record(s)");
        double[] auditDoor = page(out, c, "search", "/audit?door=" + ConsoleSeed.doorId(0) + "&type=DENIED",
                warmUp, n, "record(s)");
        double s3Get = s3Get(s3, bucket, ConsoleSeed.badgeId(1), n);
        out.printf(Locale.ROOT, "reference one S3 GET of a badge document p95_ms=%.1f%n", s3Get);
        return new Figures(max(people, peopleLast, audit), max(byName, byGroup, auditBadge, auditDoor), trivial[1],
                s3Get);
    }

    private static double[] page(PrintStream out, ConsoleClient c, String kind, String path, int warmUp, int n,
                                 String mustContain) throws Exception {
        double[] t = c.time(path, warmUp, n, mustContain);
        out.printf(Locale.ROOT, "%-7s GET %-45s p50_ms=%.1f p95_ms=%.1f (n=%d)%n", kind, path, t[0], t[1], n);
        return t;
    }

    private static double max(double[]... pages) {
        double m = 0;
        for (double[] p : pages) {
            m = Math.max(m, p[1]);
        }
        return m;
    }

    private static double s3Get(S3Client s3, String bucket, String badgeId, int n) {
        String key = Registry.badgeKey(badgeId);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n + 5; i++) {
            long t0 = System.nanoTime();
            s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            if (i >= 5) {
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Collections.sort(ms);
        return ConsoleClient.percentile(ms, 0.95);
    }

    /** {@code --name value} pairs; null when an argument is not one. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new TreeMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return null;
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
