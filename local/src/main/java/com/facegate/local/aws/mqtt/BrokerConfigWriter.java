package com.facegate.local.aws.mqtt;

import com.facegate.local.aws.pki.SecureFiles;
import java.nio.file.Path;

/** Writes HiveMQ's config.xml: one TLS listener with required client certificates, nothing in plain text. */
final class BrokerConfigWriter {
    private BrokerConfigWriter() {}

    static void write(Path configDir, String host, int port, Path keyStore, String keyStorePassword, Path trustStore,
            String trustStorePassword, boolean persistent) {
        String xml = """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tls-tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                      <name>facegate-doors-mtls</name>
                      <tls>
                        <keystore>
                          <path>%s</path>
                          <password>%s</password>
                          <private-key-password>%s</private-key-password>
                        </keystore>
                        <truststore>
                          <path>%s</path>
                          <password>%s</password>
                        </truststore>
                        <client-authentication-mode>REQUIRED</client-authentication-mode>
                        <protocols>
                          <protocol>TLSv1.3</protocol>
                          <protocol>TLSv1.2</protocol>
                        </protocols>
                      </tls>
                    </tls-tcp-listener>
                  </listeners>
                  <mqtt>
                    <quality-of-service>
                      <!-- AWS IoT Core supports QoS 0 and 1 only; MQTT 5 clients see Maximum QoS 1 in CONNACK. -->
                      <max-qos>1</max-qos>
                    </quality-of-service>
                  </mqtt>
                  <persistence>
                    <mode>%s</mode>
                  </persistence>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, xmlEscape(host), xmlEscape(keyStore.toAbsolutePath().toString()), keyStorePassword,
                keyStorePassword, xmlEscape(trustStore.toAbsolutePath().toString()), trustStorePassword,
                persistent ? "file" : "in-memory");
        // Holds store passwords: owner-only like the stores themselves.
        SecureFiles.writeSecret(configDir.resolve("config.xml"), xml);
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
