package com.facegate.local.aws.rekognition;

import java.time.Clock;

/** What the operation handlers share. */
record HandlerContext(CollectionStore store, ImageAnalyzer analyzer, ImageSource images, PageTokens tokens,
                      String region, Clock clock) {

    String collectionArn(String collectionId) {
        return "aws:rekognition:" + region + ":000000000000:collection/" + collectionId;
    }
}
