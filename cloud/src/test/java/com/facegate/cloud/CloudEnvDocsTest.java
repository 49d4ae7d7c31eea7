package com.facegate.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * cloud/README.md's environment table is the one {@link CloudEnv#table()} generates from the declarations. After
 * changing a variable: {@code ./mvnw -o verify -pl cloud -am -Dtest=CloudEnvDocsTest -Dfacegate.docs.rewrite=true
 * -Dsurefire.failIfNoSpecifiedTests=false} rewrites it.
 */
class CloudEnvDocsTest {
    static final Path README = Path.of("README.md");

    @Test
    void theReadmeTableIsGeneratedFromTheDeclarations() throws Exception {
        String doc = Files.readString(README, StandardCharsets.UTF_8);
        String generated = withTable(doc);
        if (Boolean.getBoolean("facegate.docs.rewrite")) {
            Files.writeString(README, generated, StandardCharsets.UTF_8);
            doc = generated;
        }
        assertThat(doc).isEqualTo(generated);
        for (CloudEnv v : CloudEnv.ALL) {
            assertThat(doc).contains("| `" + v.variable() + "` |");
        }
    }

    @Test
    void theTableShowsTheBuildersDefaults() {
        assertThat(CloudEnv.table())
                .contains("| `FACEGATE_COLLECTION_ID` | facegate |")
                .contains("| `FACEGATE_MATCH_THRESHOLD` | 99 |")
                .contains("| `FACEGATE_DECISION_TTL_SECONDS` | 5 |")
                .contains("| `FACEGATE_MIN_FACE_FRACTION` | 0.1 |")
                .contains("| `FACEGATE_REGISTRY_FRESH_MILLIS` | 0 |")
                .contains("| `FACEGATE_BUCKET` | required |");
    }

    @Test
    void aBlankVariableMeansTheDefaultAndItsValueIsTrimmed() {
        assertThat(CloudEnv.S3_ENDPOINT.in(Map.of("FACEGATE_S3_ENDPOINT", "  "))).isNull();
        assertThat(CloudEnv.S3_ENDPOINT.in(Map.of("FACEGATE_S3_ENDPOINT", " https://127.0.0.1:9440 ")))
                .isEqualTo("https://127.0.0.1:9440");
        assertThat(CloudConfig.fromEnv(Map.of("FACEGATE_BUCKET", "b", "FACEGATE_COLLECTION_ID", " hq "))
                .collectionId()).isEqualTo("hq");
    }

    /** {@code doc} with the generated table in place of whatever stood between the markers. */
    private static String withTable(String doc) {
        int begin = doc.indexOf(CloudEnv.TABLE_BEGIN);
        int end = doc.indexOf(CloudEnv.TABLE_END);
        assertThat(begin).as("README.md has the %s ... %s markers", CloudEnv.TABLE_BEGIN, CloudEnv.TABLE_END)
                .isNotNegative();
        assertThat(end).isGreaterThan(begin);
        int after = end + CloudEnv.TABLE_END.length();
        if (after < doc.length() && doc.charAt(after) == '\n') {
            after++;
        }
        return doc.substring(0, begin) + CloudEnv.table() + doc.substring(after);
    }
}
