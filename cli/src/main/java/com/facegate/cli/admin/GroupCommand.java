package com.facegate.cli.admin;

import com.facegate.cloud.registry.DoorRules;
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

        @Option(names = "--by", paramLabel = "WHO", description = "who changes it, for the audit (default: OS user)")
        String by;

        @Override
        void prepare() {
            var problems = DoorRules.checkGroup(name, description);
            if (!problems.isEmpty()) {
                throw new ParameterException(spec.commandLine(), String.join("; ", problems.values()));
            }
        }

        @Override
        int run(AdminSession session) {
            session.admin().putGroup(new Group(name, description), by == null ? defaultRequester() : by);
            out().println("group " + name + " saved");
            out().flush();
            return OK;
        }
    }
}
