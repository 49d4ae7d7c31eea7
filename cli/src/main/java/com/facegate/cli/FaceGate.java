package com.facegate.cli;

import com.facegate.cli.admin.AdminCommand;
import com.facegate.cli.admin.ConsoleCommand;
import com.facegate.cli.admin.UsageErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./facegate}: the local stack and a door, provisioning, benchmarks and admin, in one command. */
@Command(name = "facegate", mixinStandardHelpOptions = true, version = "FaceGate 0.1.0",
        description = "Face-recognition door access control.",
        subcommands = {LocalCommand.class, ProvisionDoorCommand.class, BenchCommand.class, AdminCommand.class,
                ConsoleCommand.class})
public final class FaceGate implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Our logging config by name: HiveMQ's jar carries a logback.xml of its own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "facegate-logback.xml");
        }
        // Admin output is for people: the handlers' INFO lines would interleave with it.
        if (args.length > 0 && "admin".equals(args[0]) && System.getenv("FACEGATE_LOG_LEVEL") == null) {
            System.setProperty("FACEGATE_LOG_LEVEL", "WARN");
        }
        System.exit(new CommandLine(new FaceGate()).setExecutionExceptionHandler(FaceGate::failure)
                .setParameterExceptionHandler(new UsageErrors()).execute(args));
    }

    /** A failure is a sentence for the person at the terminal; the stack trace only with FACEGATE_DEBUG=1. */
    private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        StringBuilder msg = new StringBuilder("facegate: ").append(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !msg.toString().contains(c.getMessage())) {
                msg.append("\n  caused by: ").append(c.getMessage());
            }
        }
        cmd.getErr().println(msg);
        if ("1".equals(System.getenv("FACEGATE_DEBUG"))) {
            e.printStackTrace(cmd.getErr());
        }
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
