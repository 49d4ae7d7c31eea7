package com.facegate.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the operator docs tell people to type is what the code accepts. */
class DocsTest {
    static final Path DEPLOY = Path.of("../docs/deploy-aws.md");
    static final Path OPERATIONS = Path.of("../docs/operations.md");

    @Test
    void theRemoteUnlockExamplesAreValidDoorCommandsForTheTopicShown() throws Exception {
        for (Path path : new Path[] {DEPLOY, OPERATIONS}) {
            String doc = Files.readString(path, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<!-- door-command-example -->\\s*```json\\n(.*?)```", Pattern.DOTALL)
                    .matcher(doc.replaceAll("(?m)^ +", ""));
            assertThat(m.find()).as("marked JSON example in " + path).isTrue();
            DoorCommand c = MessageCodec.decode(m.group(1), DoorCommand.class);
            assertThat(c.type()).isEqualTo(DoorCommand.Type.UNLOCK);
            assertThat(doc).containsPattern("(?i)topic:? `" + Pattern.quote(Topics.commands(c.doorId())) + "`");
            assertThat(c.expiresAt()).isAfter(c.issuedAt());
        }
    }

    @Test
    void everyConfigKeyTheDocsNameIsInTheTemplate() throws IOException {
        String template = Files.readString(ConfigTemplateTest.TEMPLATE, StandardCharsets.UTF_8);
        Set<String> known = new TreeSet<>();
        Matcher k = Pattern.compile("(?m)^#?([a-z0-9]+\\.[A-Za-z0-9.]+)=").matcher(template);
        while (k.find()) {
            known.add(k.group(1));
        }
        Pattern mentioned = Pattern.compile("`((?:door|mqtt|s3|capture|gate|decision|journal|offline|state|status"
                + "|watchdog|bundle)\\.[A-Za-z0-9]+)");
        Set<String> unknown = new TreeSet<>();
        int count = 0;
        for (Path doc : new Path[] {DEPLOY, OPERATIONS}) {
            Matcher m = mentioned.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            while (m.find()) {
                count++;
                if (!known.contains(m.group(1)) && !Set.of("door.properties", "door.crt", "door.key")
                        .contains(m.group(1))) {
                    unknown.add(m.group(1) + " (" + doc.getFileName() + ")");
                }
            }
        }
        assertThat(count).isGreaterThan(10);
        assertThat(unknown).as("config keys named in the docs but not in door.properties").isEmpty();
    }
}
