package com.facegate.cli;

import com.facegate.bench.console.ConsoleBench;
import com.facegate.bench.device.DeviceBench;
import com.facegate.bench.e2e.E2eBench;
import com.facegate.bench.engine.AttributeBench;
import com.facegate.bench.engine.EngineBench;
import com.facegate.bench.engine.IdentifyBench;
import com.facegate.bench.engine.LivenessBench;
import com.facegate.bench.engine.LuceneSearchBench;
import com.facegate.bench.engine.SearchBench;
import com.facegate.bench.engine.VerifyBench;
import com.facegate.bench.rush.RushBench;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

/**
 * Benchmarks. Each prints its figures and, as its last line, {@code key=value} pairs; each takes the image folder
 * (and pairs file) as arguments so the same run can be made on other data. The subcommands are the rows of
 * {@link #BENCHES}, added by {@link Benches} when picocli builds this command.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        modelTransformer = BenchCommand.Benches.class)
final class BenchCommand {

    /** A benchmark's own entry point: arguments in, exit code out. */
    interface Bench {
        int run(String[] args, PrintStream out) throws Exception;
    }

    /** One {@code ./facegate bench NAME}: its name, the usage line picocli shows, and the benchmark. */
    record Entry(String name, String description, Bench bench) {}

    static final List<Entry> BENCHES = List.of(
            new Entry("verify", "LFW verification protocol: --pairs FILE --images DIR", VerifyBench::run),
            new Entry("identify", "Open-set 1:N identification: --images DIR [--distractors DIR|auto]"
                    + " [--photos-per-person K] [--door-share S]; 1:1 with the badge's card: --mode card",
                    IdentifyBench::run),
            new Entry("engine", "Per-stage engine latency: --images DIR [--limit N]", EngineBench::run),
            new Entry("attributes", "Attribute outputs; with --genders FILE, gender accuracy and age spread per model:"
                    + " --images DIR", AttributeBench::run),
            new Entry("search", "1:N search over random vectors: --faces N", SearchBench::run),
            new Entry("search-lucene", "The same search workload on Lucene's HNSW index: --faces N",
                    LuceneSearchBench::run),
            new Entry("liveness", "Door liveness against synthetic print, screen and rigid-motion attacks (APCER,"
                    + " BPCER): --images DIR [--limit N] [--frames F]", LivenessBench::run),
            new Entry("device", "Door daemon gate throughput, RSS and idle CPU: --images DIR", DeviceBench::run),
            new Entry("e2e", "Visits through the running local stack: --images DIR --visits N [--aws-like: S3"
                    + " delays and Rekognition quota, with and without the fast path] [--fast-path false]",
                    E2eBench::run),
            new Entry("rush", "Morning rush through many door daemons, then cloud capacity: --doors N --people N"
                    + " --minutes M [--tps N] [--images DIR] [--capacity false]", RushBench::run),
            new Entry("console", "Admin console list and search pages over a seeded site, then a bulk import:"
                    + " --badges N --audit N [--days D] [--requests N] [--import N] [--images DIR]",
                    ConsoleBench::run));

    /** Adds one {@link Passthrough} subcommand per row of {@link #BENCHES}. */
    static final class Benches implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec bench) {
            for (Entry e : BENCHES) {
                CommandSpec sub = CommandSpec.forAnnotatedObject(new Passthrough(e.bench()));
                sub.usageMessage().description(e.description());
                bench.addSubcommand(e.name(), sub);
            }
            return bench;
        }
    }

    /** Hands every argument through to the benchmark, which parses and validates them itself. */
    @Command
    static final class Passthrough implements Callable<Integer> {
        private final Bench bench;

        @Unmatched
        List<String> args = new ArrayList<>();

        Passthrough(Bench bench) {
            this.bench = bench;
        }

        @Override
        public Integer call() throws Exception {
            return bench.run(args.toArray(String[]::new), System.out);
        }
    }
}
