package com.facegate.local.aws.rekognition;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Rekognition operation: validated request in, response body out (or a RekognitionException). */
@FunctionalInterface
interface Operation {
    ObjectNode handle(Params request);
}
