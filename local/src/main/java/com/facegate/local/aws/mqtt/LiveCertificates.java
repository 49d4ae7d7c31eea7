package com.facegate.local.aws.mqtt;

import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends live sessions of revoked certificates, as deactivating a certificate does in AWS IoT: the authenticator
 * only checks at connect, so a door connected before its certificate was revoked would otherwise keep its
 * session (and keep receiving that door's decisions) until it reconnects. Remembers which certificate each
 * client id connected with, disconnects those now revoked, and never delivers to a revoked connection meanwhile.
 */
final class LiveCertificates implements PublishOutboundInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCertificates.class);
    static final String REVOKED = "certificate revoked";

    private final Predicate<BigInteger> revoked;
    /** Client id to the serial of its newest authenticated connection (a newer one takes the session over). */
    private final Map<String, BigInteger> live = new ConcurrentHashMap<>();

    LiveCertificates(Predicate<BigInteger> revoked) {
        this.revoked = revoked;
    }

    void connected(String clientId, BigInteger serial) {
        live.put(clientId, serial);
    }

    /** Disconnects every connection whose certificate is now revoked; returns how many. */
    // A ConcurrentHashMap's iterator is weakly consistent: removing the entry it is on is safe.
    @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
    int disconnectRevoked(ClientService clients, PresenceEvents presence) {
        int n = 0;
        for (Map.Entry<String, BigInteger> e : live.entrySet()) {
            String clientId = e.getKey();
            if (revoked.test(e.getValue()) && live.remove(clientId, e.getValue())) {
                presence.revoked(clientId);
                // Not awaited: outbound publishes to it are already blocked, and the next check finds it gone.
                var unused = clients.disconnectClient(clientId, true, DisconnectReasonCode.NOT_AUTHORIZED, REVOKED);
                LOG.warn("disconnected door {}: its certificate (serial {}) was revoked", clientId,
                        e.getValue().toString(16));
                n++;
            }
        }
        return n;
    }

    @Override
    public void onOutboundPublish(PublishOutboundInput input, PublishOutboundOutput output) {
        Optional<BigInteger> serial = serial(input.getConnectionInformation());
        if (serial.isEmpty() || revoked.test(serial.get())) {
            output.preventPublishDelivery();
        }
    }

    static Optional<BigInteger> serial(ConnectionInformation connection) {
        return connection.getClientTlsInformation().flatMap(ClientTlsInformation::getClientCertificate)
                .map(X509Certificate::getSerialNumber);
    }
}
