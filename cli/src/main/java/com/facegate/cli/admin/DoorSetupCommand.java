package com.facegate.cli.admin;

import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.DoorRules;
import com.facegate.cloud.registry.ModeWindow;
import com.facegate.cloud.registry.ScheduleWindow;
import com.facegate.cloud.registry.WindowText;
import com.facegate.protocol.DoorIds;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code door put ID --name ... --time-zone ... --groups ... --schedule ...} or {@code door put --file doors.json}. */
@Command(name = "door", mixinStandardHelpOptions = true, description = "Add or update a door.",
        subcommands = DoorSetupCommand.Put.class)
final class DoorSetupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: door put DOOR [options] | door put --file F");
    }

    @Command(name = "put", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Add a door, or update the given fields of an existing one.",
                    "Or load door documents (one object or an array, the registry's JSON) with --file."})
    static final class Put extends AdminAction {
        @Parameters(index = "0", arity = "0..1", paramLabel = "DOOR", description = "door id, e.g. front-door-01")
        String doorId;

        @Option(names = "--name", paramLabel = "TEXT")
        String name;

        @Option(names = "--time-zone", paramLabel = "ZONE", description = "IANA time zone, e.g. Europe/Madrid")
        String timeZone;

        @Option(names = {"--groups", "--group"}, split = ",", paramLabel = "GROUP",
                description = "groups allowed through this door (replaces the list)")
        List<String> groups;

        @Option(names = "--schedule", converter = ScheduleArg.class, paramLabel = "WINDOW",
                description = "a weekly window (repeat; replaces the list): " + ScheduleArg.HELP)
        List<ScheduleWindow> schedules;

        @Option(names = "--no-schedules", description = "remove all windows (allowed groups may enter at any time)")
        boolean noSchedules;

        @Option(names = "--false-accept-target", paramLabel = "RATE",
                description = "this door's stranger-accept target per visit, e.g. 1e-4 (default: the site's)")
        Double falseAcceptTarget;

        @Option(names = "--mode", paramLabel = "MODE", description = "what the door asks for: FACE (default),"
                + " CARD_OR_FACE, CARD_AND_FACE, FACE_AND_PIN, CARD_AND_PIN, CARD_AND_FACE_AND_PIN")
        DoorMode mode;

        @Option(names = "--mode-window", converter = ModeWindowArg.class, paramLabel = "WINDOW",
                description = "another mode in a weekly window (repeatable; first that holds wins): "
                        + ModeWindowArg.HELP)
        List<ModeWindow> modeWindows;

        @Option(names = "--no-mode-windows", description = "remove all mode windows (the door runs --mode always)")
        boolean noModeWindows;

        @Option(names = "--file", paramLabel = "JSON", description = "door document(s) to store as they are")
        Path file;

        @Option(names = "--by", paramLabel = "WHO", description = "who changes it, for the audit (default: OS user)")
        String by;

        private List<Door> fromFile = List.of();

        @Override
        void prepare() {
            if (file != null) {
                if (doorId != null || name != null || timeZone != null || groups != null || schedules != null
                        || noSchedules || falseAcceptTarget != null || mode != null || modeWindows != null
                        || noModeWindows) {
                    throw usage("--file cannot be combined with a door id or field options");
                }
                fromFile = readFile(file);
                fromFile.forEach(this::check);
                return;
            }
            if (doorId == null) {
                throw usage("give a door id, or --file");
            }
            if (!DoorIds.isValid(doorId)) {
                throw usage("invalid door id '" + Table.oneLine(doorId) + "': letters, digits, space and . _ : -");
            }
            if (noModeWindows && modeWindows != null) {
                throw usage("--mode-window and --no-mode-windows are exclusive");
            }
            if (noSchedules && schedules != null) {
                throw usage("--schedule and --no-schedules are exclusive");
            }
            // The given fields alone, before the registry is asked, so that bad input fails fast (exit 2); the
            // stored door may have the time zone these windows need, which run() checks on the merged door.
            check(new Door(doorId, name, timeZone, groups, schedules, falseAcceptTarget, mode, modeWindows),
                    timeZone == null);
        }

        @Override
        int run(AdminSession session) {
            if (file != null) {
                for (Door d : fromFile) {
                    session.admin().putDoor(d, requester());
                    out().println("door " + d.doorId() + " saved");
                    warnAboutWindowGroups(d);
                }
                out().flush();
                return OK;
            }
            Optional<Door> existing = session.admin().registry().door(doorId);
            Door old = existing.orElse(new Door(doorId, null, null, List.of(), List.of()));
            Door door = new Door(doorId, name != null ? name : old.name(),
                    timeZone != null ? timeZone : old.timeZone(),
                    groups != null ? groups : old.allowedGroups(),
                    noSchedules ? List.of() : schedules != null ? schedules : old.schedules(),
                    falseAcceptTarget != null ? falseAcceptTarget : old.falseAcceptTarget(),
                    mode != null ? mode : old.mode(),
                    noModeWindows ? List.of() : modeWindows != null ? modeWindows : old.modeWindows());
            check(door);
            session.admin().putDoor(door, requester());
            warnAboutWindowGroups(door);
            out().println("door " + doorId + (existing.isPresent() ? " updated" : " added") + ": groups "
                    + (door.allowedGroups().isEmpty() ? "(none: nobody may enter)"
                            : String.join(",", door.allowedGroups()))
                    + ", " + (door.schedules().isEmpty() ? "no schedule (any time)"
                    : door.schedules().size() + " window(s) in " + door.timeZone())
                    + ", mode " + (door.mode() == null ? DoorMode.FACE : door.mode())
                    + (door.modeWindows().isEmpty() ? "" : " with " + door.modeWindows().size() + " mode window(s)"));
            out().flush();
            return OK;
        }

        /** A window for a group the door does not allow opens nothing: almost certainly a typo. */
        private void warnAboutWindowGroups(Door d) {
            DoorRules.check(d, null).warnings().forEach(w -> out().println("warning: " + w + " (add it to --groups)"));
            out().flush();
        }

        /** Every problem {@link DoorRules} finds, in one usage error naming the options. */
        private void check(Door d) {
            check(d, false);
        }

        private void check(Door d, boolean zoneMayBeStored) {
            List<String> problems = new ArrayList<>();
            DoorRules.check(d, null).problems().forEach((field, message) -> {
                if (!(zoneMayBeStored && field.equals("timeZone"))) {
                    problems.add(option(d, field) + " " + message);
                }
            });
            if (!problems.isEmpty()) {
                throw usage(String.join("; ", problems));
            }
        }

        private String option(Door d, String field) {
            if (field.startsWith("schedules[")) {
                return "--schedule " + WindowText.format(d.schedules().get(index(field)));
            }
            if (field.startsWith("modeWindows[")) {
                return "--mode-window " + WindowText.format(d.modeWindows().get(index(field)));
            }
            return switch (field) {
                case "doorId" -> "door " + Table.oneLine(String.valueOf(d.doorId())) + ":";
                case "timeZone" -> file != null ? "door " + d.doorId() + ":" : "--time-zone";
                case "falseAcceptTarget" -> "--false-accept-target";
                case "groups" -> "--groups";
                default -> "--" + field;
            };
        }

        private static int index(String field) {
            return Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
        }

        private List<Door> readFile(Path f) {
            try {
                JsonNode tree = JsonOut.mapper().readTree(Files.readAllBytes(f));
                List<Door> out = new ArrayList<>();
                if (tree != null && tree.isArray()) {
                    for (JsonNode n : tree) {
                        out.add(JsonOut.mapper().treeToValue(n, Door.class));
                    }
                } else if (tree != null && tree.isObject()) {
                    out.add(JsonOut.mapper().treeToValue(tree, Door.class));
                } else {
                    throw new IllegalArgumentException(f + ": expected a door object or an array of doors");
                }
                return out;
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot load doors from " + f + ": " + e.getMessage());
            }
        }

        private ParameterException usage(String message) {
            return new ParameterException(spec.commandLine(), message);
        }

        private String requester() {
            return by == null ? defaultRequester() : by;
        }
    }
}
