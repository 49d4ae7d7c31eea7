package com.facegate.local.aws.rekognition;

import com.facegate.local.aws.auth.AccessRequest;
import com.facegate.local.aws.auth.Arns;
import com.facegate.local.aws.auth.Principal;
import com.facegate.protocol.Sanitize;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rekognition's IAM check: action {@code rekognition:<Operation>} on the collection the request names
 * ({@code "*"} for operations without one, such as DetectFaces). An image given as {@code S3Object} is read with
 * the caller's rights too ({@code s3:GetObject}), as Rekognition reads S3 on the caller's behalf. A refusal is
 * {@code AccessDeniedException}.
 */
final class RekognitionAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(RekognitionAuthorizer.class);
    private static final List<String> IMAGE_FIELDS = List.of("Image", "SourceImage", "TargetImage");

    private final String region;

    RekognitionAuthorizer(String region) {
        this.region = region;
    }

    void check(Principal caller, String operation, JsonNode request) {
        JsonNode collection = request.get("CollectionId");
        String resource = collection != null && collection.isTextual()
                ? Arns.collection(region, collection.asText()) : "*";
        require(caller, AccessRequest.of("rekognition:" + operation, resource));
        for (String field : IMAGE_FIELDS) {
            JsonNode s3 = request.path(field).path("S3Object");
            if (s3.isObject()) {
                require(caller, AccessRequest.of("s3:GetObject",
                        Arns.object(s3.path("Bucket").asText(""), s3.path("Name").asText(""))));
            }
        }
    }

    private static void require(Principal caller, AccessRequest request) {
        if (!caller.allows(request)) {
            LOG.warn("Rekognition refused {}: {} not allowed", caller.name(), request);
            throw new RekognitionException("AccessDeniedException", 400, "User: " + caller.name()
                    + " is not authorized to perform: " + request.action() + " on resource: "
                    + Sanitize.forLog(request.resource()));
        }
    }
}
