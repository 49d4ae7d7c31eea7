package com.facegate.cli.admin;

import com.facegate.cloud.registry.Door;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The doors in the registry. */
@Command(name = "doors", mixinStandardHelpOptions = true, description = "List doors.")
final class DoorsCommand extends AdminAction {
    @Option(names = "--json", description = "print the registry documents as JSON")
    boolean json;

    @Override
    int run(AdminSession session) {
        List<Door> doors = session.admin().listDoors().stream().sorted(Comparator.comparing(Door::doorId)).toList();
        if (json) {
            JsonOut.print(out(), doors);
            return OK;
        }
        Table t = new Table("DOOR", "NAME", "TIME ZONE", "GROUPS", "SCHEDULES");
        doors.forEach(d -> t.row(d.doorId(), d.name(), d.timeZone(), String.join(",", d.allowedGroups()),
                d.schedules().isEmpty() ? "always" : d.schedules().size() + " window(s)"));
        t.print(out());
        out().println(t.size() + " door(s)");
        out().flush();
        return OK;
    }
}
