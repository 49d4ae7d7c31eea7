package com.facegate.systemd;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * A .deb opened the way dpkg opens it: an ar archive of debian-binary, control.tar.* and data.tar.*. Control
 * files are kept as text; data entries as tar headers, with chosen files copied out to disk.
 */
final class DebPackage {
    /** One file or directory of a tar member, as dpkg would create it. */
    record Entry(String path, int mode, String user, String group, long size, boolean directory) {}

    final String debianBinary;
    final Map<String, String> control = new LinkedHashMap<>();
    final Map<String, Integer> controlModes = new LinkedHashMap<>();
    final Map<String, Entry> data = new LinkedHashMap<>();
    final Map<String, Path> extracted = new LinkedHashMap<>();

    private DebPackage(String debianBinary) {
        this.debianBinary = debianBinary;
    }

    /** Reads the package; data files whose path is in {@code extract} are copied into {@code outDir}. */
    static DebPackage open(Path deb, Path outDir, java.util.Set<String> extract) throws IOException {
        String debianBinary = null;
        DebPackage pkg = null;
        try (ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
            ArArchiveEntry member;
            int index = 0;
            while ((member = ar.getNextEntry()) != null) {
                String name = member.getName();
                if (index == 0) {
                    if (!name.equals("debian-binary")) {
                        throw new IOException("first ar member is " + name + ", not debian-binary");
                    }
                    debianBinary = new String(ar.readAllBytes(), StandardCharsets.US_ASCII);
                    pkg = new DebPackage(debianBinary);
                } else if (name.startsWith("control.tar")) {
                    pkg.readControl(untar(ar, name));
                } else if (name.startsWith("data.tar")) {
                    pkg.readData(untar(ar, name), outDir, extract);
                }
                index++;
            }
        }
        if (pkg == null) {
            throw new IOException("empty ar archive: " + deb);
        }
        return pkg;
    }

    private static TarArchiveInputStream untar(InputStream member, String name) throws IOException {
        InputStream in = new BufferedInputStream(new NonClosing(member));
        if (!name.endsWith(".tar")) {
            try {
                in = new CompressorStreamFactory().createCompressorInputStream(in);
            } catch (CompressorException e) {
                throw new IOException("cannot decompress " + name, e);
            }
        }
        return new TarArchiveInputStream(in);
    }

    private void readControl(TarArchiveInputStream tar) throws IOException {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (e.isFile()) {
                String name = normalize(e.getName()).substring(1);
                control.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                controlModes.put(name, e.getMode() & 07777);
            }
        }
    }

    private void readData(TarArchiveInputStream tar, Path outDir, java.util.Set<String> extract) throws IOException {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String path = normalize(e.getName());
            data.put(path, new Entry(path, e.getMode() & 07777, e.getUserName(), e.getGroupName(), e.getSize(),
                    e.isDirectory()));
            if (e.isFile() && extract.contains(path)) {
                Path out = outDir.resolve(path.substring(1).replace('/', '_'));
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                extracted.put(path, out);
            }
        }
    }

    /** "./etc/x/" -> "/etc/x". */
    static String normalize(String tarName) {
        String p = tarName.startsWith("./") ? tarName.substring(1) : tarName.startsWith("/") ? tarName : "/" + tarName;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The control file's fields (continuation lines folded into the field). */
    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        String last = null;
        for (String line : control.getOrDefault("control", "").split("\n")) {
            if (line.startsWith(" ") && last != null) {
                f.put(last, f.get(last) + "\n" + line.strip());
            } else if (line.contains(":")) {
                last = line.substring(0, line.indexOf(':')).strip();
                f.put(last, line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return f;
    }

    /** Keeps the ar stream open when a tar reader closes its member. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
