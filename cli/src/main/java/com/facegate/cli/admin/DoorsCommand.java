package com.facegate.cli.admin;

import com.facegate.cloud.access.scale.DoorThresholds;
import com.facegate.cloud.access.scale.FalseAcceptTable;
import com.facegate.cloud.access.scale.OperatingPoint;
import com.facegate.cloud.registry.Door;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The doors in the registry, each with the people allowed, the similarity threshold in force and, where the
 * calibration allows (the engine's scores), the expected stranger-accept and first-try false-reject rates.
 */
@Command(name = "doors", mixinStandardHelpOptions = true, description = "List doors and their operating points.")
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
        boolean engine = "engine".equals(session.config().similarity());
        FalseAcceptTable table = engine ? FalseAcceptTable.shipped() : null;
        DoorThresholds thresholds = new DoorThresholds(session.config(), session.admin().registry(), table,
                Clock.systemUTC());
        Map<String, DoorThresholds.Applied> applied = thresholds.applied(doors);
        Table t = new Table("DOOR", "NAME", "TIME ZONE", "GROUPS", "SCHEDULES", "PEOPLE", "FACES", "TARGET",
                "THRESHOLD", "STRANGER-ACCEPT", "FIRST-TRY REJECT");
        List<String> advice = new ArrayList<>();
        for (Door d : doors) {
            DoorThresholds.Applied a = applied.get(d.doorId());
            double target = thresholds.target(d);
            String fpir = "unknown (AWS scores)";
            String frr = "unknown";
            if (table != null) {
                FalseAcceptTable.Row row = table.at(a.threshold());
                fpir = String.format(Locale.ROOT, "%.1e", OperatingPoint.fpirFor(row.far(), Math.max(1, a.faces())));
                frr = String.format(Locale.ROOT, "%.1f %%", 100 * row.frr());
            }
            a.point().filter(p -> p.status().needsSecondFactor()).ifPresent(p -> advice.add(d.doorId() + ": "
                    + adviceFor(p)));
            t.row(d.doorId(), d.name(), d.timeZone(), String.join(",", d.allowedGroups()),
                    d.schedules().isEmpty() ? "always" : d.schedules().size() + " window(s)", a.peopleAllowed(),
                    a.faces(), target > 0 ? String.format(Locale.ROOT, "%.0e", target) : "none",
                    String.format(Locale.ROOT, "%.2f", a.threshold()), fpir, frr);
        }
        t.print(out());
        out().println(t.size() + " door(s)" + (engine ? "" : "; in AWS the threshold is the fixed match threshold"
                + " (AWS's guidance: 99 for access) and Rekognition publishes no false-accept table"));
        advice.forEach(out()::println);
        out().flush();
        return OK;
    }

    private static String adviceFor(OperatingPoint p) {
        String why = p.status() == OperatingPoint.Status.UNUSABLE_FRR
                ? String.format(Locale.ROOT, "the target %.0e needs similarity %.2f, where %.0f %% of first tries"
                        + " are rejected", p.target(), p.threshold(), 100 * p.expectedFrr())
                : String.format(Locale.ROOT, "the target %.0e needs a per-pair false-accept rate below what the"
                        + " calibration data can measure", p.target());
        return why + " with " + p.faces() + " faces; require a second factor (badge card or PIN) at this door";
    }
}
