package com.facegate.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the built facegate-device_*_arm64.deb (after the package phase) and checks what a Pi would get: the
 * unit, the config template with its permissions, maintainer scripts, and a daemon jar whose native code is
 * all linux-aarch64, with no simulated GPIO and no benchmark in it.
 */
class DebPackageIT {
    static final String UNIT = "/lib/systemd/system/facegate-device.service";
    static final String CONFIG = "/etc/facegate/door.properties";
    static final String DEFAULTS = "/etc/default/facegate-device";
    static final String LOGBACK = "/etc/facegate/logback.xml";
    static final String JAR = "/usr/share/facegate/facegate-device.jar";
    static final int EM_AARCH64 = 183;

    @TempDir
    static Path work;
    static Path deb;
    static DebPackage pkg;
    static JarFile jar;

    @BeforeAll
    static void open() throws IOException {
        Path dir = Path.of(System.getProperty("facegate.deb.dir", "target"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString()
                    .matches("facegate-device_.+_arm64\\.deb")).toList();
            assertThat(debs).as("one facegate-device_*_arm64.deb in " + dir + " (run mvn verify)").hasSize(1);
            deb = debs.get(0);
        }
        pkg = DebPackage.open(deb, work, Set.of(UNIT, CONFIG, DEFAULTS, LOGBACK, JAR));
        jar = new JarFile(pkg.extracted.get(JAR).toFile());
        System.out.printf("%s: %.1f MB, daemon jar %.1f MB, %d jar entries%n", deb.getFileName(),
                Files.size(deb) / 1e6, Files.size(pkg.extracted.get(JAR)) / 1e6, jar.size());
    }

    @Test
    void isADebianBinaryPackageForArm64() {
        assertThat(pkg.debianBinary).isEqualTo("2.0\n");
        Map<String, String> f = pkg.fields();
        assertThat(f.get("Package")).isEqualTo("facegate-device");
        assertThat(f.get("Architecture")).isEqualTo("arm64");
        assertThat(f.get("Version")).startsWith("0.1.0");
        assertThat(f.get("Depends")).contains("openjdk-17-jre-headless | java17-runtime-headless").contains("adduser");
        assertThat(f.get("Installed-Size")).matches("\\d+");
    }

    @Test
    void installsTheUnitTheDaemonAndTheConfigTemplate() throws IOException {
        DebPackage.Entry unit = pkg.data.get(UNIT);
        assertThat(unit).as(UNIT).isNotNull();
        assertThat(unit.mode()).isEqualTo(0644);
        assertThat(Files.readString(pkg.extracted.get(UNIT))).isEqualTo(Files.readString(UnitFile.SOURCE));
        // The unit starts exactly the jar this package installs.
        List<String> exec = UnitFile.read(UnitFile.SOURCE).execStart();
        assertThat(exec.get(exec.indexOf("-jar") + 1)).isEqualTo(JAR);
        assertThat(pkg.data).containsKey(JAR);

        DebPackage.Entry config = pkg.data.get(CONFIG);
        assertThat(config).as(CONFIG).isNotNull();
        assertThat(config.mode()).isEqualTo(0640);
        assertThat(config.user()).isEqualTo("root");
        assertThat(config.group()).isEqualTo("facegate");
        assertThat(Files.readString(pkg.extracted.get(CONFIG))).contains("door.id=", "state.dir=/var/lib/facegate");
        assertThat(pkg.data.get("/etc/facegate").mode()).isEqualTo(0750);
        assertThat(pkg.data.get("/etc/facegate/certs").mode()).isEqualTo(0750);
        assertThat(pkg.data.get(DEFAULTS).mode()).isEqualTo(0644);

        // Admin edits survive upgrades.
        assertThat(pkg.control.get("conffiles").lines()).containsExactlyInAnyOrder(CONFIG, DEFAULTS, LOGBACK);
        assertThat(pkg.data.get(LOGBACK).mode()).isEqualTo(0644);
    }

    @Test
    void maintainerScriptsCreateTheUserAndEnableButDoNotStartTheDoor() {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertThat(pkg.control).containsKey(script);
            assertThat(pkg.controlModes.get(script)).as(script + " mode").isEqualTo(0755);
            assertThat(pkg.control.get(script)).startsWith("#!/bin/sh\n").contains("set -e");
        }
        String postinst = pkg.control.get("postinst");
        assertThat(postinst).contains("adduser --system", "--ingroup facegate", "for g in gpio video",
                "dpkg-statoverride --update --add", "statoverride root facegate 0640 /etc/facegate/door.properties",
                "install -d -o facegate -g facegate -m 0750 /var/lib/facegate /var/cache/facegate",
                "deb-systemd-helper enable \"$UNIT\"");
        // A fresh install must not start a door whose config is still the template (messages aside).
        List<String> commands = postinst.lines().map(String::strip)
                .filter(l -> !l.startsWith("#") && !l.startsWith("echo")).toList();
        assertThat(commands).noneMatch(l -> l.matches(".*(deb-systemd-invoke|systemctl)( --\\S+)* "
                + "(start|restart|reload-or-restart) .*"));
        assertThat(commands).anyMatch(l -> l.contains("deb-systemd-invoke try-restart"));
        assertThat(pkg.control.get("prerm")).contains("deb-systemd-invoke stop facegate-device.service");
        assertThat(pkg.control.get("postrm")).contains("deb-systemd-helper purge", "daemon-reload");
    }

    @Test
    void daemonJarRunsTheDoorDaemon() throws IOException {
        assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                .isEqualTo("com.facegate.device.app.DoorMain");
        assertThat(jar.getEntry("com/facegate/device/app/DoorMain.class")).as("main class in the jar").isNotNull();
        assertThat(jar.getEntry("com/facegate/protocol/DoorCommand.class")).isNotNull();
        // The encoder /etc/facegate/logback.xml names: without it Logback would print nothing at all.
        assertThat(jar.getEntry("com/facegate/logging/SafeLogEncoder.class")).isNotNull();
        // Merged service files: Pi4J finds its plugins, SLF4J its binding.
        assertThat(text("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")).contains("ch.qos.logback");
    }

    @Test
    void daemonJarStartsAndRefusesTheUnfilledTemplateWithExitCode78() throws Exception {
        // Runs the packaged jar on this (x86-64) JVM: no native code loads before the config is checked, so
        // this exercises the manifest, the merged classpath and the installed logging config. 78 (EX_CONFIG) is
        // what the unit's RestartPreventExitStatus= keys on.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m",
                "-Dlogback.configurationFile=" + pkg.extracted.get(LOGBACK),
                "-jar", pkg.extracted.get(JAR).toString(), "--config", pkg.extracted.get(CONFIG).toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("daemon on the template config, exit " + p.exitValue() + ":\n" + out);
        assertThat(p.exitValue()).as(out).isEqualTo(78);
        assertThat(out).contains("door.id missing", "mqtt.host missing", "s3.bucket missing");
    }

    @Test
    void carriesTheDaemonAndNoBenchmarkOrLocalSiteClasses() {
        // Benchmarks (bench/) and the local site (site/) sit above device; none of their classes belongs on a door.
        List<String> ours = names().stream().filter(n -> n.startsWith("com/facegate/") && n.endsWith(".class"))
                .toList();
        assertThat(ours).contains("com/facegate/device/app/DoorDaemon.class");
        assertThat(ours).filteredOn(n -> n.contains("/bench/") || n.contains("Bench")).isEmpty();
        assertThat(ours).extracting(n -> n.split("/")[2]).containsOnly("protocol", "logging", "engine", "device");
        System.out.printf("daemon jar: %d classes, %d of them FaceGate's%n",
                names().stream().filter(n -> n.endsWith(".class")).count(), ours.size());
    }

    @Test
    void carriesNoSimulatedGpio() throws IOException {
        List<String> mock = names().stream().filter(n -> n.startsWith("com/pi4j/plugin/mock/")).toList();
        assertThat(mock).isEmpty();
        ZipEntry plugins = jar.getEntry("META-INF/services/com.pi4j.extension.Plugin");
        if (plugins != null) {
            assertThat(text(plugins.getName())).doesNotContainIgnoringCase("mock").contains("gpiod");
        }
    }

    @Test
    void everyNativeLibraryIsLinuxAarch64() throws IOException {
        Map<String, String> natives = new TreeMap<>();
        List<String> foreign = new ArrayList<>();
        for (String name : names()) {
            if (name.endsWith("/") || name.endsWith(".class")) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".dll") || lower.endsWith(".dylib") || lower.endsWith(".jnilib")
                    || lower.endsWith(".exe")) {
                foreign.add(name);
                continue;
            }
            byte[] head = head(name, 20);
            String kind = binaryKind(head);
            if (kind == null) {
                continue;
            }
            natives.put(name, kind);
            if (!kind.equals("elf64-aarch64")) {
                foreign.add(name + " (" + kind + ")");
            }
        }
        System.out.println("native libraries in the daemon jar: " + natives.size());
        natives.keySet().forEach(n -> System.out.println("  " + n));
        assertThat(foreign).as("native code for another platform").isEmpty();
        assertThat(natives).as("the daemon needs native code (ONNX Runtime at least)").isNotEmpty();
    }

    @Test
    void eachNativeUsingLibraryHasItsArm64Library() {
        List<String> names = names();
        // ONNX Runtime (face engine, offline fallback).
        if (jar.getEntry("ai/onnxruntime/OrtEnvironment.class") != null) {
            assertThat(names).contains("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
                    "ai/onnxruntime/native/linux-aarch64/libonnxruntime4j_jni.so");
            assertThat(names).noneMatch(n -> n.startsWith("ai/onnxruntime/native/linux-x64/"));
        }
        // JavaCPP / JavaCV (camera capture through FFmpeg).
        if (jar.getEntry("org/bytedeco/javacpp/Loader.class") != null) {
            assertThat(names).anyMatch(n -> n.startsWith("org/bytedeco/javacpp/linux-arm64/") && n.contains(".so"));
            assertThat(names).noneMatch(n -> n.matches("org/bytedeco/[^/]+/"
                    + "(linux-x86|linux-x86_64|linux-armhf|macosx|windows)[^/]*/.*"));
        }
        if (jar.getEntry("org/bytedeco/ffmpeg/global/avcodec.class") != null) {
            assertThat(names).anyMatch(n -> n.startsWith("org/bytedeco/ffmpeg/linux-arm64/")
                    && n.contains("libavcodec"));
        }
        // AWS common runtime (IoT Device SDK: MQTT over TLS).
        if (jar.getEntry("software/amazon/awssdk/crt/CRT.class") != null) {
            assertThat(names).anyMatch(n -> n.startsWith("linux/armv8/glibc/") && n.endsWith(".so"));
            assertThat(names).noneMatch(n -> n.startsWith("linux/x86_64/") || n.startsWith("osx/")
                    || n.startsWith("windows/"));
        }
        // jnr-ffi (systemd notify socket).
        if (jar.getEntry("com/kenai/jffi/Foreign.class") != null) {
            assertThat(names).anyMatch(n -> n.startsWith("jni/aarch64-Linux/"));
        }
    }

    /** Shared libraries every arm64 Debian system has (libc6, libgcc-s1, libstdc++6 via the JRE). */
    static final Set<String> BASE_LIBS = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
            "ld-linux-aarch64.so.1", "libgcc_s.so.1", "libstdc++.so.6");
    /** System libraries the bundled FFmpeg links against, and the Debian packages that provide them. */
    static final Map<String, String> SYSTEM_LIBS = Map.of("libva.so.2", "libva2", "libva-drm.so.2", "libva-drm2",
            "libdrm.so.2", "libdrm2", "libxcb.so.1", "libxcb1", "libxcb-shm.so.0", "libxcb-shm0", "libpulse.so.0",
            "libpulse0");

    /** readelf -d lines such as " 0x...1 (NEEDED)  Shared library: [libva.so.2]". */
    static final java.util.regex.Pattern DYNAMIC_ENTRY =
            java.util.regex.Pattern.compile("\\((NEEDED|SONAME)\\).*\\[(.+)]");

    @Test
    void everyLibraryTheNativesNeedIsBundledOrADependency() throws Exception {
        Path readelf = Path.of("/usr/bin/readelf");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(readelf), "readelf (binutils) not installed");
        Path dir = Files.createDirectories(work.resolve("natives"));
        Set<String> provided = new java.util.TreeSet<>();
        Map<String, List<String>> needs = new TreeMap<>();
        int i = 0;
        for (String name : names()) {
            if (name.endsWith("/") || name.endsWith(".class") || binaryKind(head(name, 20)) == null) {
                continue;
            }
            Path f = dir.resolve(i++ + "-" + name.substring(name.lastIndexOf('/') + 1));
            try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                Files.copy(in, f);
            }
            provided.add(f.getFileName().toString().substring(f.getFileName().toString().indexOf('-') + 1));
            for (String line : run(readelf.toString(), "-d", f.toString()).lines().toList()) {
                java.util.regex.Matcher m = DYNAMIC_ENTRY.matcher(line);
                if (!m.find()) {
                    continue;
                }
                if (m.group(1).equals("SONAME")) {
                    provided.add(m.group(2));
                } else {
                    needs.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(name);
                }
            }
        }
        String depends = pkg.fields().get("Depends");
        List<String> missing = new ArrayList<>();
        needs.forEach((lib, users) -> {
            if (provided.contains(lib) || BASE_LIBS.contains(lib)) {
                return;
            }
            String debPackage = SYSTEM_LIBS.get(lib);
            if (debPackage == null || !depends.matches("(?s).*\\b" + java.util.regex.Pattern.quote(debPackage)
                    + "\\b.*")) {
                missing.add(lib + " (needed by " + users + ")");
            }
        });
        System.out.println("system libraries the natives need beyond their own: " + needs.keySet().stream()
                .filter(l -> !provided.contains(l)).toList());
        assertThat(missing).as("libraries neither bundled nor in Depends").isEmpty();
    }

    @Test
    void dpkgAcceptsThePackage() throws Exception {
        Path dpkgDeb = Path.of("/usr/bin/dpkg-deb");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(dpkgDeb),
                "dpkg-deb not installed: dpkg's own check skipped");
        assertThat(run(dpkgDeb.toString(), "--field", deb.toString(), "Package", "Architecture"))
                .contains("Package: facegate-device", "Architecture: arm64");
        String contents = run(dpkgDeb.toString(), "--contents", deb.toString());
        assertThat(contents).contains("." + UNIT, "." + CONFIG, "." + JAR).contains("-rw-r----- root/facegate");
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isZero();
        return out;
    }

    private static List<String> names() {
        return Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
    }

    private static String text(String name) throws IOException {
        ZipEntry e = jar.getEntry(name);
        assertThat(e).as(name).isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] head(String name, int n) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return in.readNBytes(n);
        }
    }

    /** ELF (class + machine), PE or Mach-O by magic number; null for anything that is not native code. */
    static String binaryKind(byte[] h) {
        if (h.length >= 20 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
            int machine = (h[18] & 0xff) | (h[19] & 0xff) << 8; // little-endian on every platform we could meet
            String bits = h[4] == 2 ? "elf64" : "elf32";
            return bits + "-" + switch (machine) {
                case EM_AARCH64 -> "aarch64";
                case 62 -> "x86_64";
                case 3 -> "i386";
                case 40 -> "arm";
                default -> "machine" + machine;
            };
        }
        if (h.length >= 2 && h[0] == 'M' && h[1] == 'Z') {
            return "pe";
        }
        if (h.length >= 4) {
            int magic = (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
            if (magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe) {
                return "mach-o";
            }
        }
        return null;
    }
}
