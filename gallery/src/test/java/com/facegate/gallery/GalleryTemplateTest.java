package com.facegate.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.audit.AuditWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gallery function as cloud/template.yaml deploys it: the handler and bundle it names are the ones this module
 * builds, it runs on a schedule, and its role reaches exactly the prefixes the publisher reads and writes.
 * (cloud's TemplateTest checks references and wildcards for the whole template.)
 */
class GalleryTemplateTest {
    static JsonNode resources;

    @BeforeAll
    static void parse() throws Exception {
        resources = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("../cloud/template.yaml")))
                .path("Resources");
    }

    @Test
    void theFunctionRunsThisModulesHandlerFromThisModulesBundleOnASchedule() throws Exception {
        JsonNode f = resources.path("GalleryFunction").path("Properties");
        String handler = f.path("Handler").asText();
        assertThat(Class.forName(handler.substring(0, handler.indexOf("::")))).isEqualTo(GalleryPublishHandler.class);
        String pom = Files.readString(Path.of("pom.xml"));
        String bundle = Path.of(f.path("CodeUri").asText()).getFileName().toString();
        assertThat(f.path("CodeUri").asText()).startsWith("../gallery/target/");
        assertThat(pom).contains("${project.build.directory}/" + bundle);
        assertThat(f.path("Events").path("Refresh").path("Type").asText()).isEqualTo("Schedule");
        assertThat(f.path("SnapStart").path("ApplyOn").asText()).isEqualTo("None");
        assertThat(f.path("ReservedConcurrentExecutions").asInt()).isEqualTo(1);
    }

    @Test
    void theRoleReadsRegistryPhotosAndKeysAndWritesOnlyGalleriesAndItsAlarms() {
        List<String> writes = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (JsonNode policy : resources.path("GalleryRole").path("Properties").path("Policies")) {
            for (JsonNode s : policy.path("PolicyDocument").path("Statement")) {
                String action = s.path("Action").toString();
                List<String> target = action.contains("PutObject") || action.contains("Delete") ? writes
                        : action.contains("GetObject") ? reads : null;
                if (target != null) {
                    JsonNode r = s.path("Resource");
                    if (r.isArray()) {
                        r.forEach(one -> target.add(one.path("Fn::Sub").asText()));
                    } else {
                        target.add(r.path("Fn::Sub").asText());
                    }
                }
            }
        }
        // galleries/, and audit/ for its alarms (a skipped registry document, a stale gallery).
        assertThat(writes).hasSize(2).anyMatch(w -> w.endsWith("/" + GalleryPublisher.PREFIX + "*"))
                .anyMatch(w -> w.endsWith("/" + AuditWriter.PREFIX + "*"));
        assertThat(reads).hasSize(3).anyMatch(r -> r.endsWith("/" + S3DoorKeys.PREFIX + "*"))
                .anyMatch(r -> r.endsWith("/registry/*")).anyMatch(r -> r.endsWith("/enroll/*"));
        // No other function's role can read the door keys.
        resources.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("GalleryRole") && e.getValue().path("Type").asText().equals("AWS::IAM::Role")) {
                assertThat(e.getValue().toString()).as(e.getKey()).doesNotContain(S3DoorKeys.PREFIX);
            }
        });
    }
}
