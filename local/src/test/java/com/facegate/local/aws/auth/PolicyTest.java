package com.facegate.local.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.local.stack.LocalPolicies;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy model: deny by default, IAM globs, literal variables, the {@code s3:prefix} condition. */
class PolicyTest {
    static final LocalPolicies POLICIES = new LocalPolicies("b", "eu-west-1", "facegate");
    static final Map<String, String> FRONT = Map.of(LocalPolicies.DOOR_ID, "front-door-01");

    static boolean door(String action, String resource) {
        return POLICIES.door().allows(AccessRequest.of(action, resource), FRONT);
    }

    @Test
    void aDoorPutsUnderItsOwnPrefixOnly() {
        assertThat(door("s3:PutObject", Arns.object("b", "captures/front-door-01/2026/x.jpg"))).isTrue();
        assertThat(door("s3:PutObject", Arns.object("b", "captures/back-door-02/x.jpg"))).isFalse();
        assertThat(door("s3:PutObject", Arns.object("b", "captures/front-door-01x/x.jpg"))).isFalse();
        assertThat(door("s3:PutObject", Arns.object("other", "captures/front-door-01/x.jpg"))).isFalse();
        assertThat(door("s3:GetObject", Arns.object("b", "captures/front-door-01/x.jpg"))).isFalse();
        assertThat(door("s3:GetObject", Arns.object("b", "galleries/front-door-01.bin"))).isTrue();
        assertThat(door("s3:GetObject", Arns.object("b", "galleries/back-door-02.bin"))).isFalse();
        assertThat(door("iot:Publish", Arns.topic("eu-west-1", "facegate/doors/front-door-01/decision"))).isFalse();
    }

    @Test
    void aVariableIsLiteralAndAMissingOneMatchesNothing() {
        Policy p = new Policy("p", List.of(Statement.allow("S", Set.of("s3:GetObject"), List.of("k/${doorId}/*"))));
        assertThat(p.allows(AccessRequest.of("s3:GetObject", "k/a/x"), Map.of("doorId", "a"))).isTrue();
        assertThat(p.allows(AccessRequest.of("s3:GetObject", "k/ab/x"), Map.of("doorId", "a*"))).isFalse();
        assertThat(p.allows(AccessRequest.of("s3:GetObject", "k/a*/x"), Map.of("doorId", "a*"))).isTrue();
        assertThat(p.allows(AccessRequest.of("s3:GetObject", "k/a/x"), Map.of())).isFalse();
    }

    @Test
    void listingNeedsAMatchingPrefix() {
        Policy gallery = POLICIES.role(com.facegate.local.stack.LocalRole.GALLERY);
        String bucket = Arns.bucket("b");
        assertThat(gallery.allows(new AccessRequest("s3:ListBucket", bucket, Map.of("s3:prefix", "registry/b/")),
                Map.of())).isTrue();
        assertThat(gallery.allows(new AccessRequest("s3:ListBucket", bucket, Map.of("s3:prefix", "enroll/")),
                Map.of())).isFalse();
        assertThat(gallery.allows(AccessRequest.of("s3:ListBucket", bucket), Map.of())).isFalse();
    }

    @Test
    void anActionWithoutAResourceTypeMatchesOnlyAStar() {
        Policy access = POLICIES.role(com.facegate.local.stack.LocalRole.ACCESS_DECISION);
        assertThat(access.allows(AccessRequest.of("rekognition:DetectFaces", "*"), Map.of())).isTrue();
        assertThat(access.allows(AccessRequest.of("rekognition:SearchFacesByImage", "*"), Map.of())).isFalse();
        assertThat(access.allows(AccessRequest.of("rekognition:SearchFacesByImage",
                Arns.collection("eu-west-1", "facegate")), Map.of())).isTrue();
        assertThat(access.allows(AccessRequest.of("rekognition:IndexFaces",
                Arns.collection("eu-west-1", "facegate")), Map.of())).isFalse();
    }

    @Test
    void theAdminMayDoAnything() {
        assertThat(POLICIES.admin().allows(AccessRequest.of("iot:Publish", "anything"), Map.of())).isTrue();
    }
}
