package com.facegate.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.local.aws.auth.Policy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack's policies are the template's: every statement of each handler role and of the door role behind
 * the role alias, with the template's substitutions resolved the local way, and nothing more. Only the SQS
 * dead-letter and CloudWatch Logs statements have no local counterpart.
 */
class LocalPoliciesTemplateTest {
    static final String BUCKET = "facegate-local";
    static final String REGION = "eu-west-1";
    static final String COLLECTION = "facegate";
    static JsonNode resources;
    static final LocalPolicies LOCAL = new LocalPolicies(BUCKET, REGION, COLLECTION);

    @BeforeAll
    static void read() throws Exception {
        resources = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(Path.of("../cloud/template.yaml"))).path("Resources");
    }

    @Test
    void eachHandlerRoleHasTheTemplatesStatements() {
        for (LocalRole role : LocalRole.values()) {
            JsonNode policy = resources.path(role.templateRole()).path("Properties").path("Policies").get(0);
            assertThat(policy.path("PolicyName").asText()).isEqualTo(role.id());
            assertThat(canonical(LOCAL.role(role))).as(role.id()).isEqualTo(fromTemplate(policy));
        }
    }

    @Test
    void theDoorHasTheRoleAliasRolesStatements() {
        String alias = resources.path("DoorUploadRoleAlias").path("Properties").path("RoleArn").path("Fn::GetAtt")
                .get(0).asText();
        JsonNode policy = resources.path(alias).path("Properties").path("Policies").get(0);
        assertThat(canonical(LOCAL.door())).isEqualTo(fromTemplate(policy)).isNotEmpty();
    }

    /** The collection ARN has AWS's shape in both, and it is what the local Rekognition reports and checks. */
    @Test
    void theCollectionIsNamedByItsFullArn() {
        String arn = "arn:aws:rekognition:" + REGION + ":000000000000:collection/" + COLLECTION;
        assertThat(com.facegate.local.aws.auth.Arns.collection(REGION, COLLECTION)).isEqualTo(arn);
        JsonNode policy = resources.path(LocalRole.ACCESS_DECISION.templateRole()).path("Properties")
                .path("Policies").get(0);
        assertThat(fromTemplate(policy)).anySatisfy(line -> assertThat(line).startsWith("SearchCollection ")
                .contains("[" + arn + "]"));
        assertThat(canonical(LOCAL.role(LocalRole.ACCESS_DECISION))).anySatisfy(line -> assertThat(line)
                .startsWith("SearchCollection ").contains("[" + arn + "]"));
    }

    private static Set<String> fromTemplate(JsonNode policy) {
        Set<String> out = new TreeSet<>();
        for (JsonNode st : policy.path("PolicyDocument").path("Statement")) {
            assertThat(st.path("Effect").asText()).isEqualTo("Allow");
            List<String> actions = strings(st.path("Action"));
            if (actions.stream().allMatch(a -> a.startsWith("sqs:") || a.startsWith("logs:"))) {
                continue;
            }
            List<String> resourcesOf = strings(st.path("Resource"));
            JsonNode like = st.path("Condition").path("StringLike");
            String key = like.isObject() ? like.fieldNames().next() : null;
            List<String> patterns = key == null ? List.of() : strings(like.path(key));
            out.add(line(st.path("Sid").asText(), actions, resourcesOf, key, patterns));
        }
        return out;
    }

    private static Set<String> canonical(Policy policy) {
        return policy.statements().stream().map(s -> line(s.sid(), new ArrayList<>(s.actions()), s.resources(),
                s.conditionKey(), s.conditionPatterns())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String line(String sid, List<String> actions, List<String> resources, String key,
            List<String> patterns) {
        return sid + " " + new TreeSet<>(actions) + " " + new TreeSet<>(resources) + " " + key + " "
                + new TreeSet<>(patterns);
    }

    /** A string, a list, or {@code Fn::Sub} of either, with the template's substitutions made the local way. */
    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(e -> out.addAll(strings(e)));
        } else if (n.has("Fn::Sub")) {
            out.add(substitute(n.get("Fn::Sub").asText()));
        } else {
            out.add(substitute(n.asText()));
        }
        return out;
    }

    private static String substitute(String s) {
        return s.replace("facegate-${AWS::AccountId}-${AWS::Region}-${AWS::StackName}", BUCKET)
                .replace("${AWS::Partition}", "aws").replace("${AWS::Region}", REGION)
                .replace("${AWS::AccountId}", "000000000000").replace("${CollectionId}", COLLECTION)
                .replace("${!credentials-iot:ThingName}", "${" + LocalPolicies.DOOR_ID + "}");
    }
}
