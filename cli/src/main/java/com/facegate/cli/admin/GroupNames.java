package com.facegate.cli.admin;

import com.facegate.cloud.registry.BadgeIds;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Group names are registry keys ({@code registry/groups/{name}.json}): the badge-id alphabet. */
final class GroupNames {
    private GroupNames() {}

    static void check(CommandLine cmd, List<String> groups) {
        for (String g : groups) {
            if (!BadgeIds.isValid(g)) {
                throw new ParameterException(cmd, "invalid group name '" + Table.oneLine(String.valueOf(g))
                        + "': letters, digits and _ . : -");
            }
        }
    }
}
