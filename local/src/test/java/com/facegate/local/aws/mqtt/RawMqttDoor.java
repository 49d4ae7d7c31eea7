package com.facegate.local.aws.mqtt;

import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.local.doors.DoorBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * MQTT 3.1.1 packets written by hand over mTLS with a door's certificate: for what the SDK will not send (a will
 * it never sets) and for a connection that never reconnects by itself (so a takeover stays taken over).
 */
final class RawMqttDoor implements AutoCloseable {
    private final SSLSocket socket;

    private RawMqttDoor(SSLSocket socket) {
        this.socket = socket;
    }

    /** Sends CONNECT (clean session, keep-alive 60 s, optionally a QoS 1 will); the CONNACK is read by the caller. */
    static RawMqttDoor open(DoorBundle b, int port, String clientId, String willTopic, String willPayload)
            throws Exception {
        SSLContext tls = TlsContexts.clientContext(b.caCertificate(), b.certificate(), b.privateKey());
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4});
        body.write(willTopic == null ? 0x02 : 0x02 | 0x04 | 0x08); // clean session [+ will flag, will QoS 1]
        body.write(new byte[] {0, 60});
        string(body, clientId);
        if (willTopic != null) {
            string(body, willTopic);
            string(body, willPayload);
        }
        RawMqttDoor door = new RawMqttDoor(s);
        door.send(0x10, body.toByteArray());
        return door;
    }

    /** Connects and asserts nothing: returns the CONNACK return code (0 accepted, 5 not authorized). */
    int connackCode() throws IOException {
        byte[] connack = socket.getInputStream().readNBytes(4);
        if (connack.length < 4 || connack[0] != 0x20) {
            throw new IOException("no CONNACK");
        }
        return connack[3];
    }

    void publish(String topic, String payload, int qos, boolean retain, int packetId) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        if (qos > 0) {
            body.write(new byte[] {(byte) (packetId >> 8), (byte) packetId});
        }
        body.write(payload.getBytes(StandardCharsets.UTF_8));
        send(0x30 | (qos << 1) | (retain ? 1 : 0), body.toByteArray());
    }

    /** The next packet's type nibble (e.g. 4 PUBACK, 13 PINGRESP), or -1 when the broker closed the connection. */
    int nextPacketType() throws IOException {
        int header;
        try {
            header = socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException closed) {
            return -1;
        }
        if (header < 0) {
            return -1;
        }
        int length = socket.getInputStream().read();
        socket.getInputStream().readNBytes(length);
        return header >> 4;
    }

    void ping() throws IOException {
        send(0xC0, new byte[0]);
    }

    private void send(int header, byte[] body) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(header);
        int len = body.length;
        do { // MQTT variable-length remaining length
            int digit = len % 128;
            len /= 128;
            p.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        p.write(body);
        socket.getOutputStream().write(p.toByteArray());
        socket.getOutputStream().flush();
    }

    private static void string(ByteArrayOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(new byte[] {(byte) (b.length >> 8), (byte) b.length});
        out.write(b);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
