package com.facegate.device.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * device/README.md's key table is the one {@link DoorConfigTemplate} generates from the declarations. After
 * changing a key: {@code ./mvnw -o verify -pl device -am -Dtest=DoorConfigDocsTest -Dfacegate.docs.rewrite=true
 * -Dsurefire.failIfNoSpecifiedTests=false} rewrites it.
 */
class DoorConfigDocsTest {
    static final Path README = Path.of("README.md");

    @Test
    void theReadmeTableIsGeneratedFromTheDeclarations() throws Exception {
        String doc = Files.readString(README, StandardCharsets.UTF_8);
        String generated = DoorConfigTemplate.withTable(doc);
        if (Boolean.getBoolean("facegate.docs.rewrite")) {
            Files.writeString(README, generated, StandardCharsets.UTF_8);
            doc = generated;
        }
        assertThat(doc).isEqualTo(generated);
        for (DoorSetting<?> s : DoorConfigKeys.ALL) {
            assertThat(doc).contains("| `" + s.key() + "`");
        }
    }
}
