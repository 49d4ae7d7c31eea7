package com.facegate.bench.engine;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Minimal {@code --name value} argument parsing shared by the benchmarks. */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();

    BenchArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                values.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(key, args[++i]);
            } else {
                values.put(key, "true");
            }
        }
    }

    /** A benchmark's measuring part, given arguments whose required paths exist. */
    @FunctionalInterface
    interface Body {
        int run(BenchArgs args, PrintStream out) throws Exception;
    }

    /**
     * Runs {@code body} when the arguments parse and every {@code required} path exists; else prints {@code usage}
     * and what was wrong to {@code out} and returns 2.
     */
    static int run(String[] args, PrintStream out, List<String> required, Body body, String usage) throws Exception {
        BenchArgs a;
        try {
            a = new BenchArgs(args);
            for (String key : required) {
                a.dir(key);
            }
        } catch (IllegalArgumentException e) {
            out.println(usage);
            out.println(e.getMessage());
            return 2;
        }
        return body.run(a, out);
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int getInt(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    Path dir(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        Path p = Path.of(v);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("--" + key + " " + v + " does not exist");
        }
        return p;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }
}
