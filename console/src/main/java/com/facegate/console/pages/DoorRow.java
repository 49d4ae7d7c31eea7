package com.facegate.console.pages;

import com.facegate.cloud.registry.Door;
import com.facegate.console.doors.WeekForm;
import com.facegate.protocol.DoorStatus;
import java.time.Instant;

/** A door with what is known of its live state; unknown parts are shown as a dash, a stale status says so. */
public record DoorRow(Door door, String presence, String since, String lock, String contact, String lockdown,
                      String offlineMode, String version, String lastSeen, String pendingAudit, String disk,
                      boolean stale, boolean inLockdown, String gallery, boolean galleryStale) {
    static DoorRow of(Door d, DoorStates.State st) {
        DoorStatus s = st.status();
        String dash = "–";
        return new DoorRow(d, st.presence(), Times.second(st.presenceAt()),
                s == null ? dash : s.lock().name(), s == null ? dash : s.door().name(),
                s == null ? dash : s.lockdown() ? "LOCK-DOWN" : "no", s == null ? dash : s.offlineMode() ? "yes" : "no",
                s == null || s.softwareVersion() == null ? dash : s.softwareVersion(),
                s == null ? dash : Times.second(s.at()), s == null ? dash : Long.toString(s.pendingAudit()),
                disk(s, dash), st.stale(), s != null && s.lockdown(), gallery(s, st.now(), dash),
                st.galleryStale());
    }

    /** The offline gallery's age and when S3 last confirmed it; a dash from doors that report no gallery. */
    private static String gallery(DoorStatus s, Instant now, String dash) {
        if (s == null || s.galleryGeneratedAt() == null) {
            return dash;
        }
        String checked = s.galleryCheckedAt() == null ? "" : ", checked " + Times.ago(s.galleryCheckedAt(), now);
        return "made " + Times.ago(s.galleryGeneratedAt(), now) + checked;
    }

    /** The door's DISK_FULL state and free space; a dash from doors that do not report it. */
    private static String disk(DoorStatus s, String dash) {
        if (s == null || s.diskFault() == null) {
            return dash;
        }
        String free = s.diskFreeBytes() == null || s.diskFreeBytes() < 0 ? ""
                : " (" + s.diskFreeBytes() / (1024 * 1024) + " MB free)";
        return (s.diskFault() ? "FULL" : "ok") + free;
    }

    public String groups() {
        return String.join(", ", door.allowedGroups());
    }

    /** The default mode, then each mode window. */
    public String modes() {
        return WeekForm.modes(door);
    }

    public String schedule() {
        return WeekForm.schedules(door);
    }
}
