package com.facegate.cli.admin;

import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.Group;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code group put NAME --description ...}. */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Add or update a group.",
        subcommands = GroupCommand.Put.class)
final class GroupCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: group put NAME --description TEXT");
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Add or update a group document.")
    static final class Put extends AdminAction {
        @Parameters(index = "0", paramLabel = "NAME", description = "group name (letters, digits, _ . : -)")
        String name;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Override
        void prepare() {
            if (!BadgeIds.isValid(name)) {
                throw new ParameterException(spec.commandLine(), "invalid group name '" + Table.oneLine(name)
                        + "': letters, digits and _ . : -");
            }
        }

        @Override
        int run(AdminSession session) {
            session.admin().putGroup(new Group(name, description));
            out().println("group " + name + " saved");
            out().flush();
            return OK;
        }
    }
}
