package com.facegate.cli.admin;

import com.facegate.cloud.registry.Group;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** Group documents plus every group a badge or door names (a group need not have a document to be used). */
@Command(name = "groups", mixinStandardHelpOptions = true, description = "List groups.")
final class GroupsCommand extends AdminAction {
    @Override
    int run(AdminSession session) {
        Map<String, Group> documents = session.admin().registry().groups().stream()
                .collect(Collectors.toMap(Group::name, Function.identity(), (a, b) -> a));
        Table t = new Table("GROUP", "DESCRIPTION");
        for (String name : session.admin().listGroups()) {
            Group g = documents.get(name);
            t.row(name, g == null ? "(used by badges/doors; no group document)" : g.description());
        }
        t.print(out());
        return OK;
    }
}
