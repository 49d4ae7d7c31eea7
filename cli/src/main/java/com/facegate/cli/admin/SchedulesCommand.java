package com.facegate.cli.admin;

import com.facegate.cloud.registry.ScheduleWindow;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every door's weekly windows, one line per window, in the door's time zone. */
@Command(name = "schedules", mixinStandardHelpOptions = true, description = "List doors' weekly schedules.")
final class SchedulesCommand extends AdminAction {
    @Option(names = "--door", paramLabel = "DOOR", description = "only this door")
    String door;

    @Override
    int run(AdminSession session) {
        Table t = new Table("DOOR", "GROUP", "DAYS", "FROM", "UNTIL");
        for (Map.Entry<String, List<ScheduleWindow>> e : session.admin().listSchedules().entrySet()) {
            if (door != null && !door.equals(e.getKey())) {
                continue;
            }
            if (e.getValue().isEmpty()) {
                t.row(e.getKey(), "(all)", "no windows: open to allowed groups at all times", "", "");
            }
            for (ScheduleWindow w : e.getValue()) {
                String days = ScheduleArg.format(w);
                t.row(e.getKey(), w.group() == null ? "(all)" : w.group(), days.substring(days.indexOf('@') + 1,
                        days.indexOf(' ')), w.from(), w.until());
            }
        }
        t.print(out());
        return OK;
    }
}
