package com.facegate.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cloud/template.yaml parsed as plain YAML: every reference resolves, IAM/IoT policies are least privilege, the
 * door policy is pinned to the connecting thing, and the security settings the design relies on are present.
 */
class TemplateTest {
    private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::Region", "AWS::Partition",
            "AWS::StackName", "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");
    /** Actions AWS only authorises on Resource "*" (no resource type in the service authorization reference). */
    private static final Map<String, String> STAR_RESOURCE_ALLOWED = Map.of(
            "rekognition:DetectFaces", "DetectFaces has no resource type; it reads only the image it is given");
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]*)}");

    static JsonNode template;
    static Set<String> resources;
    static Set<String> parameters;
    static Set<String> aliased;

    @BeforeAll
    static void parse() throws IOException {
        template = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("template.yaml")));
        resources = names(template.path("Resources"));
        parameters = names(template.path("Parameters"));
        aliased = new HashSet<>();
        boolean globalAlias = template.path("Globals").path("Function").has("AutoPublishAlias");
        template.path("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")
                    && (globalAlias || e.getValue().path("Properties").has("AutoPublishAlias"))) {
                aliased.add(e.getKey());
            }
        });
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void isASamTemplate() {
        assertThat(template.path("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
        assertThat(template.path("Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
        assertThat(resources).contains("Bucket", "AccessDecisionFunction", "EnrollmentFunction", "AuditSinkFunction",
                "DoorThingPolicy", "AuditTopicRule", "DoorUploadRoleAlias", "FaceCollection");
        assertThat(parameters).contains("MatchThreshold", "DecisionTtlSeconds", "CaptureRetentionDays");
        assertThat(template.path("Parameters").path("MatchThreshold").path("Default").asInt()).isEqualTo(99);
        assertThat(template.path("Parameters").path("DecisionTtlSeconds").path("Default").asInt()).isEqualTo(5);
    }

    @Test
    void everyReferenceResolves() {
        List<String> unresolved = new ArrayList<>();
        walk(template.path("Resources"), unresolved);
        walk(template.path("Outputs"), unresolved);
        walk(template.path("Globals"), unresolved);
        template.path("Resources").fields().forEachRemaining(e -> {
            JsonNode dep = e.getValue().path("DependsOn");
            (dep.isArray() ? dep : List.of(dep)).forEach(d -> {
                JsonNode dn = d;
                if (!dn.isMissingNode() && !resources.contains(dn.asText())) {
                    unresolved.add("DependsOn " + dn.asText());
                }
            });
        });
        assertThat(unresolved).isEmpty();
    }

    private void walk(JsonNode n, List<String> unresolved) {
        if (n.isObject()) {
            if (n.has("Ref")) {
                String r = n.get("Ref").asText();
                if (!refOk(r)) {
                    unresolved.add("Ref " + r);
                }
            }
            if (n.has("Fn::GetAtt")) {
                JsonNode g = n.get("Fn::GetAtt");
                String res = g.isArray() ? g.get(0).asText() : g.asText().split("\\.")[0];
                if (!resources.contains(res)) {
                    unresolved.add("GetAtt " + res);
                }
            }
            if (n.has("Fn::Sub")) {
                JsonNode s = n.get("Fn::Sub");
                String text = s.isArray() ? s.get(0).asText() : s.asText();
                Set<String> local = new HashSet<>();
                if (s.isArray() && s.size() > 1) {
                    s.get(1).fieldNames().forEachRemaining(local::add);
                }
                Matcher m = SUB_VAR.matcher(text);
                while (m.find()) {
                    String v = m.group(1);
                    if (v.startsWith("!")) {
                        continue; // ${!Literal}: escaped, e.g. IoT policy variables
                    }
                    String head = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
                    if (!local.contains(v) && !PSEUDO.contains(v) && !parameters.contains(v)
                            && !resources.contains(head)) {
                        unresolved.add("Sub ${" + v + "}");
                    }
                }
            }
            n.fields().forEachRemaining(e -> walk(e.getValue(), unresolved));
        } else if (n.isArray()) {
            n.forEach(c -> walk(c, unresolved));
        }
    }

    private boolean refOk(String r) {
        if (PSEUDO.contains(r) || parameters.contains(r) || resources.contains(r)) {
            return true;
        }
        // SAM: Function.Alias / Function.Version exist when the function auto-publishes an alias.
        int dot = r.indexOf('.');
        return dot > 0 && aliased.contains(r.substring(0, dot))
                && (r.endsWith(".Alias") || r.endsWith(".Version"));
    }

    /** Every policy statement in the template (IAM inline, managed, bucket, IoT). */
    private static List<JsonNode> statements() {
        List<JsonNode> out = new ArrayList<>();
        collect(template.path("Resources"), out);
        return out;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("PolicyDocument")) {
                    JsonNode st = e.getValue().path("Statement");
                    (st.isArray() ? st : List.of(st)).forEach(s -> out.add(s));
                } else {
                    collect(e.getValue(), out);
                }
            }
        } else if (n.isArray()) {
            n.forEach(c -> collect(c, out));
        }
    }

    private static List<String> values(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(c -> out.addAll(values(c)));
        } else if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.has("Fn::Sub")) {
            JsonNode s = n.get("Fn::Sub");
            out.add(s.isArray() ? s.get(0).asText() : s.asText());
        } else if (!n.isMissingNode()) {
            out.add(n.toString());
        }
        return out;
    }

    @Test
    void noAllowStatementGrantsWildcardActionsOrResources() {
        List<String> problems = new ArrayList<>();
        List<JsonNode> all = statements();
        assertThat(all).hasSizeGreaterThan(20);
        for (JsonNode s : all) {
            if (!"Allow".equals(s.path("Effect").asText())) {
                continue;
            }
            List<String> actions = values(s.path("Action"));
            assertThat(s.has("NotAction") || s.has("NotResource")).as("NotAction/NotResource in " + s).isFalse();
            for (String a : actions) {
                if (a.equals("*") || a.endsWith(":*")) {
                    problems.add("wildcard action " + a);
                }
            }
            if (s.has("Principal")) {
                continue; // trust policies: Principal + sts:AssumeRole, no Resource
            }
            for (String r : values(s.path("Resource"))) {
                if (r.equals("*") && !STAR_RESOURCE_ALLOWED.keySet().containsAll(actions)) {
                    problems.add("Resource * for " + actions);
                }
                if (r.matches(".*:s3:::[^/]*\\*.*") || r.endsWith(":topic/*") || r.endsWith(":collection/*")) {
                    problems.add("over-broad resource " + r);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void doorThingPolicyIsPinnedToTheConnectingThing() {
        JsonNode doc = template.path("Resources").path("DoorThingPolicy").path("Properties").path("PolicyDocument");
        int pinned = 0;
        for (JsonNode s : doc.path("Statement")) {
            List<String> actions = values(s.path("Action"));
            for (String r : values(s.path("Resource"))) {
                if (actions.contains("iot:AssumeRoleWithCertificate")) {
                    continue;
                }
                assertThat(r).as(actions + " resource").contains("${!iot:Connection.Thing.ThingName}");
                pinned++;
            }
            if (actions.contains("iot:Subscribe")) {
                assertThat(values(s.path("Resource"))).allMatch(r -> r.contains(":topicfilter/")
                        && (r.endsWith("/decision") || r.endsWith("/commands")));
            }
            if (actions.contains("iot:Receive")) {
                assertThat(values(s.path("Resource"))).allMatch(r -> r.contains(":topic/")
                        && (r.endsWith("/decision") || r.endsWith("/commands")));
            }
            if (actions.contains("iot:Publish")) {
                assertThat(values(s.path("Resource"))).allMatch(r -> r.endsWith("/audit") || r.endsWith("/status")
                        || r.endsWith("/captures"));
            }
            if (actions.contains("iot:Connect")) {
                assertThat(values(s.path("Resource")))
                        .allMatch(r -> r.endsWith(":client/${!iot:Connection.Thing.ThingName}"));
            }
        }
        assertThat(pinned).isEqualTo(8);
        String upload = template.path("Resources").path("DoorUploadRole").toString();
        assertThat(upload).contains("/captures/${!credentials-iot:ThingName}/*")
                .contains("credentials.iot.amazonaws.com");
    }

    @Test
    void doorsExchangeTheirCertificateForUploadCredentialsScopedToTheirOwnThing() {
        JsonNode resources = template.path("Resources");
        JsonNode alias = resources.path("DoorUploadRoleAlias");
        assertThat(alias.path("Type").asText()).isEqualTo("AWS::IoT::RoleAlias");
        assertThat(alias.path("Properties").path("RoleAlias").toString())
                .contains("facegate-door-upload-${AWS::StackName}");
        assertThat(alias.path("Properties").path("CredentialDurationSeconds").asInt()).isEqualTo(3600);
        assertThat(alias.path("Properties").path("RoleArn").toString()).contains("DoorUploadRole").contains("Arn");

        JsonNode role = resources.path("DoorUploadRole").path("Properties");
        JsonNode trust = role.path("AssumeRolePolicyDocument").path("Statement");
        assertThat(trust).hasSize(1);
        assertThat(trust.get(0).path("Principal").path("Service").asText()).isEqualTo("credentials.iot.amazonaws.com");
        assertThat(values(trust.get(0).path("Action"))).containsExactly("sts:AssumeRole");

        java.util.Map<String, List<String>> granted = new java.util.TreeMap<>();
        for (JsonNode policy : role.path("Policies")) {
            for (JsonNode st : policy.path("PolicyDocument").path("Statement")) {
                assertThat(st.path("Effect").asText()).isEqualTo("Allow");
                for (String a : values(st.path("Action"))) {
                    granted.computeIfAbsent(a, k -> new java.util.ArrayList<>()).addAll(values(st.path("Resource")));
                }
            }
        }
        assertThat(granted.keySet()).containsExactly("s3:GetObject", "s3:PutObject");
        assertThat(granted.get("s3:PutObject")).singleElement().asString()
                .endsWith("-${AWS::StackName}/captures/${!credentials-iot:ThingName}/*");
        assertThat(granted.get("s3:GetObject")).singleElement().asString()
                .endsWith("-${AWS::StackName}/galleries/${!credentials-iot:ThingName}.bin");

        List<String> assumeResources = new java.util.ArrayList<>();
        for (JsonNode st : resources.path("DoorThingPolicy").path("Properties").path("PolicyDocument")
                .path("Statement")) {
            if (values(st.path("Action")).contains("iot:AssumeRoleWithCertificate")) {
                assertThat(values(st.path("Action"))).containsExactly("iot:AssumeRoleWithCertificate");
                assumeResources.add(st.path("Resource").toString());
            }
        }
        assertThat(assumeResources).containsExactly("{\"Fn::GetAtt\":[\"DoorUploadRoleAlias\",\"RoleAliasArn\"]}");
        assertThat(template.path("Outputs").path("DoorUploadRoleAlias").path("Value").toString())
                .contains("DoorUploadRoleAlias");
    }

    @Test
    void bucketIsEncryptedPrivateTlsOnlyAndExpiresCaptures() {
        JsonNode b = template.path("Resources").path("Bucket").path("Properties");
        assertThat(b.path("BucketEncryption").toString()).containsAnyOf("AES256", "aws:kms");
        JsonNode pab = b.path("PublicAccessBlockConfiguration");
        assertThat(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
                .allMatch(k -> pab.path(k).asBoolean());
        String rules = b.path("LifecycleConfiguration").toString();
        assertThat(rules).contains("\"Prefix\":\"captures/\"").contains("CaptureRetentionDays")
                .contains("\"Prefix\":\"decisions/\"");
        String policy = template.path("Resources").path("BucketPolicy").toString();
        assertThat(policy).contains("\"Effect\":\"Deny\"").contains("aws:SecureTransport");
        String notifications = b.path("NotificationConfiguration").toString();
        assertThat(notifications).contains("AccessDecisionFunction.Alias").contains("\"Value\":\"captures/\"")
                .contains("\"Value\":\".jpg\"").contains("EnrollmentFunction.Alias").contains("\"Value\":\"enroll/\"");
    }

    @Test
    void auditRuleRoutesDoorAuditWithTheTopicsDoorId() {
        JsonNode rule = template.path("Resources").path("AuditTopicRule").path("Properties").path("TopicRulePayload");
        assertThat(rule.path("Sql").asText()).isEqualTo("SELECT *, topic(3) AS topicDoorId FROM "
                + "'facegate/doors/+/audit'");
        assertThat(rule.path("Actions").toString()).contains("AuditSinkFunction.Alias");
        JsonNode perm = template.path("Resources").path("AuditSinkInvokeFromIot").path("Properties");
        assertThat(perm.path("Principal").asText()).isEqualTo("iot.amazonaws.com");
        assertThat(perm.path("SourceArn").toString()).contains("AuditTopicRule");
    }

    @Test
    void presenceRuleRoutesLifecycleEventsToTheSinkWithoutATopicDoorId() {
        JsonNode rule = template.path("Resources").path("PresenceTopicRule").path("Properties")
                .path("TopicRulePayload");
        // No topicDoorId: that field is how the sink tells a door's own audit message from a lifecycle event.
        assertThat(rule.path("Sql").asText()).isEqualTo("SELECT * FROM '$aws/events/presence/+/+'");
        assertThat(rule.path("Actions").toString()).contains("AuditSinkFunction.Alias");
        assertThat(rule.path("ErrorAction").toString()).contains("audit/undelivered/presence/");
        JsonNode perm = template.path("Resources").path("AuditSinkInvokeFromPresenceRule").path("Properties");
        assertThat(perm.path("Principal").asText()).isEqualTo("iot.amazonaws.com");
        assertThat(perm.path("SourceArn").toString()).contains("PresenceTopicRule");
    }

    @Test
    void captureRuleRoutesAnnouncementsToTheFastPathWithTheTopicsDoorId() {
        JsonNode rule = template.path("Resources").path("CaptureTopicRule").path("Properties")
                .path("TopicRulePayload");
        assertThat(rule.path("Sql").asText())
                .isEqualTo("SELECT *, topic(3) AS topicDoorId FROM 'facegate/doors/+/captures'");
        assertThat(rule.path("Actions").toString()).contains("CaptureAnnouncementFunction.Alias");
        JsonNode perm = template.path("Resources").path("CaptureAnnouncementInvokeFromIot").path("Properties");
        assertThat(perm.path("Principal").asText()).isEqualTo("iot.amazonaws.com");
        assertThat(perm.path("SourceArn").toString()).contains("CaptureTopicRule");
        JsonNode fn = template.path("Resources").path("CaptureAnnouncementFunction").path("Properties");
        assertThat(fn.path("Role").toString()).contains("AccessDecisionRole");
    }

    @Test
    void statusRuleStoresEachDoorsStatusUnderItsOwnTopicsDoorIdWithAWriteOnlyRole() {
        JsonNode rule = template.path("Resources").path("DoorStatusTopicRule").path("Properties")
                .path("TopicRulePayload");
        assertThat(rule.path("Sql").asText()).isEqualTo("SELECT * FROM 'facegate/doors/+/status'");
        JsonNode s3 = rule.path("Actions").get(0).path("S3");
        // topic(3): the publishing thing's own id (its policy allows only its own status topic), never the body's.
        assertThat(s3.path("Key").asText()).isEqualTo("status/${topic(3)}.json");
        assertThat(s3.path("RoleArn").toString()).contains("DoorStatusRuleRole");
        JsonNode role = template.path("Resources").path("DoorStatusRuleRole").path("Properties");
        assertThat(role.path("AssumeRolePolicyDocument").toString()).contains("iot.amazonaws.com");
        JsonNode statements = role.path("Policies").get(0).path("PolicyDocument").path("Statement");
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).path("Action").asText()).isEqualTo("s3:PutObject");
        assertThat(statements.get(0).path("Resource").toString()).endsWith("/status/*\"}");
        assertThat(template.path("Resources").path("AdminPolicy").toString())
                .contains("\"Sid\":\"DoorStatusRead\"");
    }

    @Test
    void handlersNamedInTheTemplateExist() throws ClassNotFoundException {
        for (String f : List.of("AccessDecisionFunction", "CaptureAnnouncementFunction", "EnrollmentFunction",
                "AuditSinkFunction")) {
            String handler = template.path("Resources").path(f).path("Properties").path("Handler").asText();
            Class.forName(handler.substring(0, handler.indexOf("::")));
        }
    }
}
