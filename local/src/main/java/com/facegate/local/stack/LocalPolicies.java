package com.facegate.local.stack;

import com.facegate.local.aws.auth.Arns;
import com.facegate.local.aws.auth.Policy;
import com.facegate.local.aws.auth.Statement;
import java.util.List;
import java.util.Set;

/**
 * The local stack's policies, mirroring {@code cloud/template.yaml} statement for statement (the SQS dead-letter
 * and CloudWatch Logs statements have no local service and are left out); {@code LocalPoliciesTemplateTest}
 * checks the two agree. Only the admin differs: locally it is the site owner's key and may do everything, as the
 * account that deploys the stack may in AWS.
 */
public final class LocalPolicies {
    /** The door's policy variable: the template's {@code ${credentials-iot:ThingName}}. */
    public static final String DOOR_ID = "doorId";

    private final String bucket;
    private final String collection;
    private final String region;

    public LocalPolicies(String bucket, String region, String collectionId) {
        this.bucket = bucket;
        this.region = region;
        this.collection = Arns.collection(region, collectionId);
    }

    public Policy admin() {
        return Policy.allowAll("admin");
    }

    /** The template's {@code DoorUploadRole} (behind the role alias): own captures in, own gallery out. */
    public Policy door() {
        return new Policy("door-upload", List.of(
                allow("PutOwnCaptures", "s3:PutObject", object("captures/${" + DOOR_ID + "}/*")),
                allow("GetOwnGallery", "s3:GetObject", object("galleries/${" + DOOR_ID + "}.bin"))));
    }

    public Policy role(LocalRole role) {
        return switch (role) {
            case ACCESS_DECISION -> new Policy(role.id(), List.of(
                    allow("ReadCapturesRegistryAndOwnClaims", "s3:GetObject",
                            object("captures/*"), object("registry/*"), object("decisions/*")),
                    listing("MissingRegistryDocumentsRead404Not403", "registry/*"),
                    allow("LedgerAndAudit", "s3:PutObject", object("decisions/*"), object("audit/*")),
                    allow("ReleaseUnpublishedClaim", "s3:DeleteObject", object("decisions/*")),
                    allow("CountWrongPins", "s3:PutObject", object("registry/factors/*")),
                    allow("SearchCollection", "rekognition:SearchFacesByImage", collection),
                    allow("DetectFacesHasNoResourceType", "rekognition:DetectFaces", "*"),
                    allow("PublishDecisions", "iot:Publish", Arns.topic(region, "facegate/doors/*/decision"))));
            case ENROLLMENT -> new Policy(role.id(), List.of(
                    allow("ReadPhotosAndRegistry", "s3:GetObject", object("enroll/*"), object("registry/*")),
                    listing("MissingRegistryDocumentsRead404Not403", "registry/*"),
                    allow("EnrollmentStatusAndAudit", "s3:PutObject", object("registry/enrollment/*"),
                            object("audit/*")),
                    allow("ReleaseEnrollmentClaims", "s3:DeleteObject", object("registry/enrollment/*.claim")),
                    allow("DeleteReplacedPhotos", "s3:DeleteObject", object("enroll/*")),
                    new Statement("IndexIntoCollection", Set.of("rekognition:SearchFacesByImage",
                            "rekognition:IndexFaces", "rekognition:CreateUser", "rekognition:AssociateFaces",
                            "rekognition:DisassociateFaces", "rekognition:DeleteFaces"),
                            List.of(collection), null, null),
                    allow("DetectFacesHasNoResourceType", "rekognition:DetectFaces", "*")));
            case AUDIT_SINK -> new Policy(role.id(), List.of(
                    allow("WriteAudit", "s3:PutObject", object("audit/*"))));
            case GALLERY -> new Policy(role.id(), List.of(
                    allow("ReadRegistryPhotosAndDoorKeys", "s3:GetObject",
                            object("registry/*"), object("enroll/*"), object("door-keys/*")),
                    listing("ListRegistryAndDoorKeys", "registry/*", "door-keys/*"),
                    allow("WriteGalleriesAndAudit", "s3:PutObject", object("galleries/*"), object("audit/*"))));
            case DOOR_STATUS_RULE -> new Policy(role.id(), List.of(
                    allow("WriteDoorStatus", "s3:PutObject", object("status/*"))));
        };
    }

    private String object(String keyPattern) {
        return Arns.object(bucket, keyPattern);
    }

    private static Statement allow(String sid, String action, String... resources) {
        return Statement.allow(sid, Set.of(action), List.of(resources));
    }

    private Statement listing(String sid, String... prefixes) {
        return Statement.allow(sid, Set.of("s3:ListBucket"), List.of(Arns.bucket(bucket)), "s3:prefix",
                List.of(prefixes));
    }
}
