package com.facegate.local.aws.rekognition;

import com.facegate.local.aws.auth.Arns;
import java.time.Clock;

/** What the operation handlers share. */
record HandlerContext(CollectionStore store, ImageAnalyzer analyzer, ImageSource images, PageTokens tokens,
                      String region, Clock clock) {

    /** As AWS names it, and as the IAM check ({@link RekognitionAuthorizer}) and the policies name it. */
    String collectionArn(String collectionId) {
        return Arns.collection(region, collectionId);
    }
}
