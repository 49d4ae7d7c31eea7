package com.facegate.local.aws.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.local.doors.DoorSettings;
import com.facegate.protocol.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real doors (AWS IoT Device SDK v2, native TLS) against the embedded broker on loopback. */
class LocalBrokerTest {
    @TempDir
    static Path data;
    static TestBroker mqtt;
    static LocalCa ca;
    static DoorProvisioner provisioner;
    static LocalBroker broker;
    static BlockingQueue<String> cloudSide;

    @BeforeAll
    static void startBroker() {
        mqtt = TestBroker.start(data);
        ca = mqtt.ca;
        broker = mqtt.broker;
        provisioner = mqtt.provisioner;
        cloudSide = mqtt.cloudSide;
    }

    @AfterAll
    static void stopBroker() {
        if (mqtt != null) {
            mqtt.close();
        }
    }

    static DeviceSdkDoor connect(DoorBundle b, String endpoint, String clientId) throws Exception {
        return mqtt.connect(b, endpoint, clientId);
    }

    @Test
    void doorReceivesDecisionPublishedInProcessAndAuditReachesCloudSide() throws Exception {
        DoorBundle door = provisioner.provision("front-door-01");
        try (DeviceSdkDoor client = connect(door, "localhost", "front-door-01")) {
            client.subscribe(Topics.decision("front-door-01")).get(5, TimeUnit.SECONDS);
            broker.publish(Topics.decision("front-door-01"), "{\"grant\":true}".getBytes(StandardCharsets.UTF_8), 1)
                    .get(5, TimeUnit.SECONDS);
            DeviceSdkDoor.Received got = client.poll(5000);
            assertThat(got).isNotNull();
            assertThat(got.topic()).isEqualTo("facegate/doors/front-door-01/decision");
            assertThat(got.payload()).isEqualTo("{\"grant\":true}");

            client.publish(Topics.audit("front-door-01"), "{\"a\":1}").get(5, TimeUnit.SECONDS);
            assertThat(cloudSide.poll(5, TimeUnit.SECONDS)).isEqualTo("facegate/doors/front-door-01/audit {\"a\":1}");
        }
    }

    @Test
    void doorIdWithSpaceConnectsOverIpEndpoint() throws Exception {
        DoorBundle door = provisioner.provision("lab door");
        try (DeviceSdkDoor client = connect(door, "127.0.0.1", "lab door")) {
            client.subscribe(Topics.commands("lab door")).get(5, TimeUnit.SECONDS);
            broker.publish(Topics.commands("lab door"), "x".getBytes(StandardCharsets.UTF_8), 0)
                    .get(5, TimeUnit.SECONDS);
            assertThat(client.poll(5000)).isNotNull();
        }
    }

    @Test
    void doorCannotSubscribeToAnotherDoorsDecisionsNorWildcards() throws Exception {
        DoorBundle a = provisioner.provision("door-a1");
        provisioner.provision("door-b1");
        try (DeviceSdkDoor client = connect(a, "localhost", "door-a1")) {
            // aws-crt reports a SUBACK failure code as an exceptional future; either way nothing may arrive.
            for (String filter : List.of(Topics.decision("door-b1"), "facegate/doors/+/decision", "#")) {
                try {
                    client.subscribe(filter).get(5, TimeUnit.SECONDS);
                } catch (Exception refused) {
                    // expected
                }
            }
            broker.publish(Topics.decision("door-b1"), "secret".getBytes(StandardCharsets.UTF_8), 1)
                    .get(5, TimeUnit.SECONDS);
            assertThat(client.poll(1500)).isNull();
        }
    }

    @Test
    void doorCannotPublishToAnotherDoorsAudit() throws Exception {
        DoorBundle a = provisioner.provision("door-a2");
        try (DeviceSdkDoor client = connect(a, "localhost", "door-a2")) {
            cloudSide.clear();
            try {
                client.publish(Topics.audit("door-b2"), "{\"forged\":true}").get(3, TimeUnit.SECONDS);
            } catch (Exception disconnected) {
                // expected with MQTT 3.1.1: the broker drops the connection
            }
            assertThat(cloudSide.poll(1500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    /** QoS 1 decisions published while a door is offline wait in its persistent session, as in AWS IoT. */
    @Test
    void decisionPublishedWhileDoorIsOfflineArrivesOnReconnect() throws Exception {
        DoorBundle door = provisioner.provision("door-p");
        try (DeviceSdkDoor first = DeviceSdkDoor.connect("localhost", broker.port(), "door-p", door.certificate(),
                door.privateKey(), door.caCertificate(), false)) {
            first.subscribe(Topics.decision("door-p")).get(5, TimeUnit.SECONDS);
        }
        broker.publish(Topics.decision("door-p"), "{\"queued\":1}".getBytes(StandardCharsets.UTF_8), 1)
                .get(5, TimeUnit.SECONDS);
        try (DeviceSdkDoor again = DeviceSdkDoor.connect("localhost", broker.port(), "door-p", door.certificate(),
                door.privateKey(), door.caCertificate(), false)) {
            DeviceSdkDoor.Received got = again.poll(5000);
            assertThat(got).isNotNull();
            assertThat(got.payload()).isEqualTo("{\"queued\":1}");
        }
    }

    @Test
    void clientWithoutCertificateIsRefusedAtTheHandshake() throws Exception {
        SSLContext noCert = TlsContexts.clientContext(ca.certificatePath(), null, null);
        try (SSLSocket s = (SSLSocket) noCert.getSocketFactory().createSocket("127.0.0.1", broker.port())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setSoTimeout(5000);
            assertThatThrownBy(() -> {
                s.startHandshake();
                s.getOutputStream().write(new byte[] {0x10, 0});
                s.getOutputStream().flush();
                if (s.getInputStream().read() < 0) {
                    throw new IOException("closed");
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void certificateFromForeignCaIsRefused() throws Exception {
        LocalCa foreign = LocalCa.openOrCreate(data.resolve("foreign-pki"));
        DoorBundle forged = new DoorProvisioner(foreign, data.resolve("foreign-doors"),
                () -> new DoorSettings("127.0.0.1", 1, "x", "b", "r", "https://127.0.0.1:1", "alias"))
                .provision("door-f");
        // Trusts the real broker's CA so only the client side is foreign.
        assertThatThrownBy(() -> DeviceSdkDoor.connect("localhost", broker.port(), "door-f", forged.certificate(),
                forged.privateKey(), ca.certificatePath()).close()).isInstanceOf(Exception.class);
    }

    @Test
    void clientIdMustEqualCertificateCn() throws Exception {
        DoorBundle a = provisioner.provision("door-a3");
        provisioner.provision("door-b3");
        assertThatThrownBy(() -> connect(a, "localhost", "door-b3").close()).isInstanceOf(Exception.class);
    }

    @Test
    void rotatedCertificateIsRefusedAndNewOneWorks() throws Exception {
        DoorBundle first = provisioner.provision("door-r");
        Path oldCert = Files.copy(first.certificate(), data.resolve("old.crt"), StandardCopyOption.REPLACE_EXISTING);
        Path oldKey = Files.copy(first.privateKey(), data.resolve("old.key"), StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> provisioner.provision("door-r")).isInstanceOf(IllegalStateException.class);
        DoorBundle second = provisioner.provision("door-r", true);
        assertThat(second.serial()).isNotEqualTo(first.serial());
        assertThatThrownBy(() -> DeviceSdkDoor.connect("localhost", broker.port(), "door-r", oldCert, oldKey,
                ca.certificatePath()).close()).isInstanceOf(Exception.class);
        try (DeviceSdkDoor ok = connect(second, "localhost", "door-r")) {
            ok.subscribe(Topics.decision("door-r")).get(5, TimeUnit.SECONDS);
        }
    }
}
