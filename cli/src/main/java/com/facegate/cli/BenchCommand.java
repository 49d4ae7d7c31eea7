package com.facegate.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Benchmarks. Each prints its figures and, as its last line, {@code key=value} pairs; each takes the image folder
 * (and pairs file) as arguments so the same run can be made on other data.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Verify.class, BenchCommand.Identify.class, BenchCommand.Engine.class, BenchCommand.Attributes.class,
                BenchCommand.Search.class, BenchCommand.SearchLucene.class, BenchCommand.Device.class, BenchCommand.E2e.class})
final class BenchCommand {

    /** A benchmark's own entry point: arguments in, exit code out. */
    interface Bench {
        int run(String[] args, PrintStream out) throws Exception;
    }

    /** Hands every argument through to the benchmark, which parses and validates them itself. */
    abstract static class Passthrough implements Callable<Integer> {
        @Unmatched
        List<String> args = new java.util.ArrayList<>();

        abstract Bench bench();

        @Override
        public Integer call() throws Exception {
            return bench().run(args.toArray(String[]::new), System.out);
        }
    }

    @Command(name = "verify", description = "LFW verification protocol: --pairs FILE --images DIR")
    static final class Verify extends Passthrough {
        Bench bench() {
            return com.facegate.bench.engine.VerifyBench::run;
        }
    }

    @Command(name = "identify", description = "Open-set 1:N identification: --images DIR [--distractors DIR|auto]"
            + " [--photos-per-person K]")
    static final class Identify extends Passthrough {
        Bench bench() {
            return com.facegate.bench.engine.IdentifyBench::run;
        }
    }

    @Command(name = "engine", description = "Per-stage engine latency: --images DIR [--limit N]")
    static final class Engine extends Passthrough {
        Bench bench() {
            return com.facegate.bench.engine.EngineBench::run;
        }
    }

    @Command(name = "attributes", description = "Attribute outputs; with --genders FILE, gender accuracy and age spread "
            + "per model: --images DIR")
    static final class Attributes extends Passthrough {
        Bench bench() {
            return com.facegate.bench.engine.AttributeBench::run;
        }
    }

    @Command(name = "search", description = "1:N search over random vectors: --faces N")
    static final class Search extends Passthrough {
        Bench bench() {
            return com.facegate.bench.engine.SearchBench::run;
        }
    }

    @Command(name = "search-lucene", description = "The same search workload on Lucene's HNSW index: --faces N")
    static final class SearchLucene extends Passthrough {
        Bench bench() {
            return com.facegate.bench.engine.LuceneSearchBench::run;
        }
    }

    @Command(name = "device", description = "Door daemon gate throughput, RSS and idle CPU: --images DIR")
    static final class Device extends Passthrough {
        Bench bench() {
            return com.facegate.bench.device.DeviceBench::run;
        }
    }

    @Command(name = "e2e", description = "Visits through the running local stack: --images DIR --visits N")
    static final class E2e extends Passthrough {
        Bench bench() {
            return com.facegate.bench.e2e.E2eBench::run;
        }
    }
}
