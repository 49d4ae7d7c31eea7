package com.facegate.local.doors;

import com.facegate.local.aws.pki.SecureFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps provisioned bundles pointing at the ports the stack listens on now: a stack started on free ports gets
 * new ones at every start, and a door bundle holding the first run's ports could never reach it again. Only
 * the ports change; hosts (which {@code provision-door --host} may have set), certificates and keys stay.
 */
final class BundlePorts {
    private static final Logger LOG = LoggerFactory.getLogger(BundlePorts.class);

    private BundlePorts() {}

    /** Rewrites the ports of every bundle under {@code doorsDir} that differ; returns the doors updated. */
    static List<String> refresh(Path doorsDir, DoorSettings now) {
        List<String> updated = new ArrayList<>();
        if (!Files.isDirectory(doorsDir)) {
            return updated;
        }
        try (DirectoryStream<Path> doors = Files.newDirectoryStream(doorsDir, Files::isDirectory)) {
            for (Path dir : doors) {
                Path props = dir.resolve("door.properties");
                if (Files.isRegularFile(props) && Files.exists(dir.resolve("door.crt")) && refreshFile(props, now)) {
                    updated.add(dir.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the door bundles in " + doorsDir, e);
        }
        return updated;
    }

    private static boolean refreshFile(Path file, DoorSettings now) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        boolean changed = set(p, "mqtt.port", Integer.toString(now.mqttPort()));
        changed |= setPort(p, "s3.endpoint", now.s3Endpoint());
        changed |= setPort(p, "s3.credentialsEndpoint", now.credentialsEndpoint());
        if (!changed) {
            return false;
        }
        StringWriter out = new StringWriter();
        p.store(out, "FaceGate door bundle (local stack); ports updated at start; keep secret");
        SecureFiles.writeSecret(file, out.toString());
        LOG.info("door bundle {}: endpoints now on this run's ports (MQTT {})", file.getParent().getFileName(),
                now.mqttPort());
        return true;
    }

    private static boolean set(Properties p, String key, String value) {
        if (!p.containsKey(key) || value.equals(p.getProperty(key))) {
            return false;
        }
        p.setProperty(key, value);
        return true;
    }

    /** The bundle's URL with the port of {@code current}; a value that is not a URL is left alone. */
    private static boolean setPort(Properties p, String key, String current) {
        String value = p.getProperty(key);
        if (value == null) {
            return false;
        }
        try {
            URI old = new URI(value);
            int port = new URI(current).getPort();
            if (old.getHost() == null || port < 0 || old.getPort() == port) {
                return false;
            }
            URI moved = new URI(old.getScheme(), old.getUserInfo(), old.getHost(), port, old.getPath(),
                    old.getQuery(), old.getFragment());
            return set(p, key, moved.toString());
        } catch (URISyntaxException e) {
            LOG.warn("door bundle setting {} is not a URL; left as it is", key);
            return false;
        }
    }
}
