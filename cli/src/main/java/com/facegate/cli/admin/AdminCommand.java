package com.facegate.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./facegate admin ...}: the facilities admin's commands, a thin layer over the cloud module's
 * {@link com.facegate.cloud.enroll.BadgeAdmin}, against the local stack (default) or AWS ({@code --aws}).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Enroll, list, revoke and erase badges; manage doors and groups; remote unlock; audit.",
        subcommands = {EnrollCommand.class, EnrollmentStatusCommand.class, ListBadgesCommand.class,
                RevokeCommand.class, EraseCommand.class, DoorsCommand.class, DoorSetupCommand.class,
                GroupsCommand.class, GroupCommand.class, SchedulesCommand.class, UnlockCommand.class,
                AuditCommand.class, BadgeFactorsCommand.class},
        footer = {"", "Target: the local stack in ./data by default (--data DIR), or AWS with --aws --profile P "
                + "--region R --bucket B --iot-endpoint https://xxx-ats.iot.R.amazonaws.com.",
                "Exit codes: 0 ok, 1 failure, 2 usage error."})
public final class AdminCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * What the launcher should do to its root command line: short usage errors (see {@link UsageErrors}). Returns
     * the same command line.
     */
    public static CommandLine configure(CommandLine root) {
        return root.setParameterExceptionHandler(new UsageErrors());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
