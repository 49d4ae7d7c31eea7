package com.facegate.cli;

import com.facegate.cli.admin.AdminCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./facegate}: the local stack and a door, provisioning, benchmarks and admin, in one command. */
@Command(name = "facegate", mixinStandardHelpOptions = true, version = "FaceGate 0.1.0",
        description = "Face-recognition door access control.",
        subcommands = {LocalCommand.class, ProvisionDoorCommand.class, BenchCommand.class, AdminCommand.class})
public final class FaceGate implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaceGate()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
