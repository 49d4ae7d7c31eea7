package com.facegate.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door's systemd unit: the directives that keep a door safe and a Pi locked down are there, and systemd accepts it.
 */
class UnitFileTest {
    static final String JAVA = "/usr/lib/jvm/java-17-openjdk-arm64/bin/java";
    static final Path DEFAULTS = Path.of("src/deb/etc/default/facegate-device");

    static UnitFile unit;

    @BeforeAll
    static void read() throws IOException {
        unit = UnitFile.read(UnitFile.SOURCE);
    }

    @Test
    void readinessAndLivenessComeFromTheDaemonItself() {
        assertThat(unit.get("Service", "Type")).isEqualTo("notify");
        assertThat(unit.get("Service", "NotifyAccess")).isEqualTo("main");
        assertThat(seconds(unit.get("Service", "WatchdogSec"))).isBetween(15, 120);
        assertThat(unit.get("Service", "Restart")).isEqualTo("on-failure");
        assertThat(seconds(unit.get("Service", "RestartSec"))).isBetween(1, 60);
        // A broken config (daemon exit 78) must not restart forever.
        assertThat(unit.words("Service", "RestartPreventExitStatus")).contains("78");
    }

    @Test
    void stopSignalsTheJvmFirstAndBoundsTheWait() {
        assertThat(unit.get("Service", "KillMode")).isEqualTo("mixed");
        assertThat(seconds(unit.get("Service", "TimeoutStopSec"))).isBetween(5, 60);
    }

    @Test
    void startsAfterTheNetworkAndTheClock() {
        // A Pi has no RTC: TLS and decision expiry need a synchronised clock.
        assertThat(unit.words("Unit", "After")).contains("network-online.target", "time-sync.target");
        assertThat(unit.words("Unit", "Wants")).contains("network-online.target", "time-sync.target");
        assertThat(unit.get("Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void runsJavaDirectlyWithoutAShellOrRedirection() {
        List<String> args = unit.execStart();
        assertThat(args.get(0)).isEqualTo(JAVA);
        assertThat(unit.get("Service", "ExecStart"))
                .doesNotContain("sh -c", "/bin/sh", "bash", ">", "|", "&&", "'", "\"");
        assertThat(args).contains("-XX:+ExitOnOutOfMemoryError",
                "-Dorg.bytedeco.javacpp.cachedir=/var/cache/facegate/javacpp",
                "-Dlogback.configurationFile=/etc/facegate/logback.xml", "-jar",
                "/usr/share/facegate/facegate-device.jar",
                "--config");
        assertThat(args).anyMatch(a -> a.startsWith("-Xmx"));
        assertThat(args.get(args.indexOf("--config") + 1)).isEqualTo("${FACEGATE_CONFIG}");
        assertThat(unit.all("Service", "ExecStart")).hasSize(1);
    }

    @Test
    void everyVariableInExecStartHasADefaultAndThePlainEnvironmentFileOverridesIt() throws IOException {
        Map<String, String> unitDefaults = new LinkedHashMap<>();
        for (String env : unit.all("Service", "Environment")) {
            int eq = env.indexOf('=');
            unitDefaults.put(env.substring(0, eq), env.substring(eq + 1));
        }
        Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)").matcher(unit.get("Service", "ExecStart"));
        int seen = 0;
        while (m.find()) {
            seen++;
            assertThat(unitDefaults).as("default for %s", m.group(1)).containsKey(m.group(1));
            assertThat(unitDefaults.get(m.group(1))).isNotBlank();
        }
        assertThat(seen).isGreaterThanOrEqualTo(2);
        // "-" prefix: the unit still starts if the admin deleted the file.
        assertThat(unit.get("Service", "EnvironmentFile")).isEqualTo("-/etc/default/facegate-device");
        // systemd reads it without a shell: each line KEY=value, no quotes, no expansion, no export.
        Map<String, String> file = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DEFAULTS, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            assertThat(line).matches("[A-Z_][A-Z0-9_]*=[^\"'$`\\s]+");
            file.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        assertThat(file).containsOnlyKeys(unitDefaults.keySet());
        assertThat(file).isEqualTo(unitDefaults);
    }

    @Test
    void runsAsItsOwnUserWithGpioAndVideoOnly() {
        assertThat(unit.get("Service", "User")).isEqualTo("facegate");
        assertThat(unit.get("Service", "Group")).isEqualTo("facegate");
        assertThat(unit.words("Service", "SupplementaryGroups")).containsExactlyInAnyOrder("gpio", "video");
        assertThat(unit.get("Service", "CapabilityBoundingSet")).isEmpty();
    }

    @Test
    void isHardened() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("NoNewPrivileges", "yes");
        expected.put("ProtectSystem", "strict");
        expected.put("ProtectHome", "yes");
        expected.put("PrivateTmp", "yes");
        expected.put("ProtectKernelTunables", "yes");
        expected.put("ProtectKernelModules", "yes");
        expected.put("ProtectControlGroups", "yes");
        expected.put("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6");
        expected.put("LockPersonality", "yes");
        expected.put("RestrictRealtime", "yes");
        expected.put("RestrictSUIDSGID", "yes");
        expected.put("SystemCallArchitectures", "native");
        expected.put("UMask", "0077");
        expected.put("DevicePolicy", "closed");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(unit.get("Service", e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(Integer.parseInt(unit.get("Service", "LimitNOFILE"))).isBetween(1024, 65536);
        // The JIT writes executable memory: this one would kill the JVM.
        assertThat(unit.get("Service", "MemoryDenyWriteExecute")).isNull();
    }

    @Test
    void writesOnlyItsStateAndCacheDirectories() {
        assertThat(unit.get("Service", "StateDirectory")).isEqualTo("facegate");
        assertThat(unit.get("Service", "CacheDirectory")).isEqualTo("facegate");
        assertThat(unit.words("Service", "ReadWritePaths"))
                .containsExactlyInAnyOrder("/var/lib/facegate", "/var/cache/facegate");
        // JavaCPP extracts natives into the cache directory, which ProtectSystem=strict leaves writable.
        assertThat(unit.get("Service", "ExecStart")).contains("cachedir=/var/cache/facegate/");
    }

    @Test
    void reachesOnlyGpioChipsCamerasAndReadsInputDevices() {
        assertThat(unit.all("Service", "DeviceAllow"))
                .containsExactlyInAnyOrder("char-gpiochip rw", "char-video4linux rw", "char-input r");
        assertThat(unit.get("Service", "PrivateDevices")).isNull(); // would hide /dev/gpiochip* despite DeviceAllow
    }

    @Test
    void systemdAcceptsTheUnitWithoutAWarning(@TempDir Path dir) throws Exception {
        Path analyze = requireAnalyze();
        Path unitCopy = withLocalJava(dir);
        SystemdAnalyze.Result r = SystemdAnalyze.run(analyze, "verify", unitCopy.toString());
        System.out.println("systemd-analyze verify: exit " + r.exitCode()
                + (r.output().isEmpty() ? ", no output" : ":\n" + r.output()));
        assertThat(r.output()).as("warnings from systemd-analyze verify").isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void theVerifyCheckCatchesABrokenUnit(@TempDir Path dir) throws Exception {
        // Control: the check above is only worth something if systemd-analyze reports mistakes here.
        Path analyze = requireAnalyze();
        Path broken = dir.resolve("facegate-device.service");
        Files.writeString(broken, Files.readString(withLocalJava(dir))
                .replace("KillMode=mixed", "KillMode=mixd").replace("LockPersonality=yes", "LockPersonalty=yes"));
        SystemdAnalyze.Result r = SystemdAnalyze.run(analyze, "verify", broken.toString());
        assertThat(r.output()).contains("mixd").contains("LockPersonalty");
    }

    @Test
    void exposureScoreStaysLow(@TempDir Path dir) throws Exception {
        Path analyze = requireAnalyze();
        Path unitCopy = withLocalJava(dir);
        SystemdAnalyze.Result r = SystemdAnalyze.run(analyze, "security", "--offline=yes", "--no-pager",
                unitCopy.toString());
        Matcher m = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)").matcher(r.output());
        assumeTrue(m.find(), "this systemd-analyze does not rate unit files offline:\n" + r.output());
        double exposure = Double.parseDouble(m.group(1));
        System.out.println("systemd-analyze security --offline: exposure " + exposure + " / 10");
        assertThat(exposure).as("systemd exposure score (0 = locked down, 10 = unprotected)").isLessThanOrEqualTo(2.5);
    }

    /**
     * The unit names the Pi's java path, which a build machine does not have, and verify rejects a missing
     * ExecStart binary. The copy checked here swaps in the JVM running this test; every other line is unchanged.
     */
    private static Path withLocalJava(Path dir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        String text = Files.readString(UnitFile.SOURCE, StandardCharsets.UTF_8);
        assertThat(text).contains("ExecStart=" + JAVA + " ");
        Path copy = Files.createDirectories(dir.resolve("unit")).resolve("facegate-device.service");
        Files.writeString(copy, text.replace("ExecStart=" + JAVA + " ", "ExecStart=" + java + " "));
        return copy;
    }

    private static Path requireAnalyze() {
        Optional<Path> analyze = SystemdAnalyze.find();
        assumeTrue(analyze.isPresent(), "systemd-analyze not installed (Debian package systemd): unit not verified");
        return analyze.get();
    }

    /** systemd time spans as used in this unit: "30s", "2min", "90". */
    static int seconds(String span) {
        assertThat(span).as("time span").isNotNull();
        Matcher m = Pattern.compile("(\\d+)(s|min)?").matcher(span);
        assertThat(m.matches()).as("simple time span: " + span).isTrue();
        int n = Integer.parseInt(m.group(1));
        return "min".equals(m.group(2)) ? n * 60 : n;
    }
}
