package com.facegate.local.stack;

import com.facegate.local.aws.lambda.AsyncLambdaInvoker;
import com.facegate.local.aws.lambda.LambdaTarget;
import com.facegate.local.aws.mqtt.DoorMessageListener;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;

/**
 * Delivers door messages to a cloud-side listener the way an IoT rule action invokes Lambda: asynchronously,
 * retried twice, then dead-lettered with topic and payload, so an audit record is never silently lost.
 */
final class DoorMessageSink {
    private DoorMessageSink() {}

    static void deliver(AsyncLambdaInvoker invoker, String configurationId, LambdaTarget target, String topic,
            byte[] payload) {
        ObjectNode envelope = MessageCodec.mapper().createObjectNode();
        envelope.put("topic", topic);
        envelope.put("payloadBase64", Base64.getEncoder().encodeToString(payload));
        try {
            // Readable in the dead-letter file when it is JSON, as door messages are.
            envelope.set("payload", MessageCodec.mapper().readTree(payload));
        } catch (IOException | RuntimeException notJson) {
            // the base64 copy is authoritative
        }
        invoker.invokeAsync(configurationId, target, envelope.toString());
    }

    static LambdaTarget target(String functionName, DoorMessageListener listener) {
        return LambdaTarget.ofStream(functionName, (in, out, ctx) -> {
            JsonNode envelope = MessageCodec.mapper().readTree(in);
            try {
                listener.onMessage(envelope.get("topic").asText(),
                        Base64.getDecoder().decode(envelope.get("payloadBase64").asText()));
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
    }
}
