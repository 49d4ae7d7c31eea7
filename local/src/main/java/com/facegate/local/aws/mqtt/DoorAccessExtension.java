package com.facegate.local.aws.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's security, bound to the client certificate the TLS listener already verified against the local
 * CA: connect only as the door the certificate names and only with an unrevoked certificate; then
 * {@link DoorAccessPolicy} for every subscribe and publish (no wills, no QoS 2, no retained messages). Also taps
 * door publishes for the cloud side, and reports door connects and disconnects as AWS IoT's lifecycle events
 * ({@link PresenceEvents}). Live sessions of certificates revoked later are ended by {@link LiveCertificates}.
 */
final class DoorAccessExtension implements ExtensionMain {
    private static final Logger LOG = LoggerFactory.getLogger(DoorAccessExtension.class);

    private final Predicate<BigInteger> revoked;
    private final BiConsumer<String, byte[]> doorPublishes;
    private final PresenceEvents presence;
    private final LiveCertificates live;
    private volatile PublishService publishService;
    private volatile ClientService clientService;

    DoorAccessExtension(Predicate<BigInteger> revoked, BiConsumer<String, byte[]> doorPublishes,
                        BiConsumer<String, byte[]> presenceEvents) {
        this.revoked = revoked;
        this.doorPublishes = doorPublishes;
        this.presence = new PresenceEvents(presenceEvents, Clock.systemUTC());
        this.live = new LiveCertificates(revoked);
    }

    /** Disconnects the live sessions of certificates revoked since they connected; returns how many. */
    int disconnectRevoked() {
        ClientService c = clientService;
        return c == null ? 0 : live.disconnectRevoked(c, presence);
    }

    PublishService publishService() {
        PublishService s = publishService;
        if (s == null) {
            throw new IllegalStateException("broker is not running");
        }
        return s;
    }

    @Override
    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        Services.securityRegistry().setAuthenticatorProvider(i -> new CertificateAuthenticator());
        DoorAuthorizer authorizer = new DoorAuthorizer();
        Services.securityRegistry().setAuthorizerProvider(i -> authorizer);
        PublishInboundInterceptor tap = new DoorPublishTap();
        Services.initializerRegistry().setClientInitializer((init, ctx) -> {
            ctx.addPublishInboundInterceptor(tap);
            ctx.addPublishOutboundInterceptor(live);
        });
        Services.eventRegistry().setClientLifecycleEventListener(i -> presence);
        publishService = Services.publishService();
        clientService = Services.clientService();
    }

    @Override
    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        publishService = null;
        clientService = null;
    }

    private final class CertificateAuthenticator implements SimpleAuthenticator {
        @Override
        public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
            String clientId = input.getConnectPacket().getClientId();
            Optional<X509Certificate> cert = input.getConnectionInformation().getClientTlsInformation()
                    .flatMap(ClientTlsInformation::getClientCertificate);
            if (cert.isEmpty()) {
                refuse(output, clientId, "no client certificate");
                return;
            }
            if (revoked.test(cert.get().getSerialNumber())) {
                refuse(output, clientId, "certificate revoked");
                return;
            }
            Optional<String> refusal = DoorAccessPolicy.connectRefusal(clientId,
                    CertificateIdentity.doorId(cert.get()).orElse(null));
            if (refusal.isPresent()) {
                refuse(output, clientId, refusal.get());
                return;
            }
            if (input.getConnectPacket().getWillPublish().isPresent()) {
                refuse(output, clientId, DoorAccessPolicy.willRefusal());
                return;
            }
            LOG.debug("door {} connected", clientId);
            live.connected(clientId, cert.get().getSerialNumber());
            output.authenticateSuccessfully();
        }

        private void refuse(SimpleAuthOutput output, String clientId, String why) {
            LOG.warn("refused MQTT connect of client {}: {}", clientId, why);
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, why);
        }
    }

    private static final class DoorAuthorizer implements SubscriptionAuthorizer, PublishAuthorizer {
        @Override
        public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
            String door = input.getClientInformation().getClientId();
            String filter = input.getSubscription().getTopicFilter();
            if (DoorAccessPolicy.maySubscribe(door, filter)) {
                output.authorizeSuccessfully();
            } else {
                LOG.warn("door {} may not subscribe to {}", door, filter);
                output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized");
            }
        }

        @Override
        public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
            String door = input.getClientInformation().getClientId();
            PublishPacket publish = input.getPublishPacket();
            Optional<String> refusal = refusal(door, publish);
            if (refusal.isEmpty()) {
                output.authorizeSuccessfully();
                return;
            }
            LOG.warn("door {} may not publish to {}: {}", door, publish.getTopic(), refusal.get());
            if (publish.getQos() == Qos.EXACTLY_ONCE) {
                // AWS IoT never acknowledges QoS 2: the connection ends (MQTT 5: DISCONNECT 0x9B).
                output.disconnectClient(DisconnectReasonCode.QOS_NOT_SUPPORTED, refusal.get());
            } else {
                // MQTT 3.1.1 has no negative PUBACK: HiveMQ disconnects those clients, as AWS IoT does;
                // MQTT 5 clients get PUBACK 0x87 Not authorized.
                output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, refusal.get());
            }
        }
    }

    /** Hands the cloud side every audit/status message a door may send (same policy check as the authorizer). */
    private final class DoorPublishTap implements PublishInboundInterceptor {
        @Override
        public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
            String door = input.getClientInformation().getClientId();
            PublishPacket publish = input.getPublishPacket();
            if (refusal(door, publish).isPresent()) {
                return;
            }
            byte[] payload = publish.getPayload().map(DoorAccessExtension::bytes).orElse(new byte[0]);
            doorPublishes.accept(publish.getTopic(), payload);
        }
    }

    private static Optional<String> refusal(String door, PublishPacket publish) {
        return DoorAccessPolicy.publishRefusal(door, publish.getTopic(), publish.getQos().getQosNumber(),
                publish.getRetain());
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer copy = b.asReadOnlyBuffer();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
