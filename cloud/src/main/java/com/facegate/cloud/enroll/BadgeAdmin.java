package com.facegate.cloud.enroll;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.access.DecisionPublisher;
import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.BadDocuments;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.Group;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import com.facegate.cloud.registry.ScheduleWindow;
import com.facegate.cloud.status.DoorStatusStore;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.DoorStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The facilities admin's operations, used by the admin CLI and the console: enroll (with consent), revoke, erase,
 * remote unlock, lock-down and lift, alarm acknowledgement, door status, lists of badges/doors/groups/schedules,
 * and audit queries. Every change is audited (badge ids only, no names).
 */
public final class BadgeAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(BadgeAdmin.class);
    /** A remote unlock is a short, one-off act; longer windows are a lock-down/hold-open policy, not this. */
    public static final Duration MAX_UNLOCK_TTL = Duration.ofMinutes(5);

    private final Registry registry;
    private final AdminAudit audit;
    private final DoorCommands commands;
    private final DoorSetup doors;
    private final DoorStatusStore statuses;
    private final BadgeChanges changes = new BadgeChanges();
    private final Erasure erasure;
    private final PhotoUploads uploads;
    private final StoredImages images;

    public BadgeAdmin(CloudConfig config, CloudClients clients, Clock clock) {
        S3Client s3 = clients.s3();
        // The admin always revalidates: it must see its own writes.
        this.registry = new Registry(s3, config.bucket(), clock, Duration.ZERO);
        AuditWriter writer = new AuditWriter(s3, config.bucket(), clock, AwsRetries.standard());
        registry.onBadDocument(bad -> writer.write(BadDocuments.fault(bad, clock.instant())));
        this.audit = new AdminAudit(writer, new AuditReader(s3, config.bucket()), clock);
        this.commands = new DoorCommands(registry, writer,
                new DecisionPublisher(clients.iot(), AwsRetries.standard()), clock);
        this.statuses = new DoorStatusStore(s3, config.bucket());
        this.doors = new DoorSetup(registry, writer, clock);
        this.erasure = new Erasure(config, s3, clients.rekognition(), registry);
        this.uploads = new PhotoUploads(s3, config.bucket(), clients.rekognition());
        this.images = new StoredImages(s3, config.bucket(), registry);
    }

    public static BadgeAdmin fromEnv() {
        return new BadgeAdmin(CloudConfig.fromEnv(), CloudClients.fromEnv(), Clock.systemUTC());
    }

    public Registry registry() {
        return registry;
    }

    /**
     * Writes the badge (ACTIVE) and uploads the photos to {@code enroll/{badgeId}/}; the S3 notification then runs
     * {@link EnrollmentHandler} per photo (outcomes: {@link #enrollmentStatus}). Refused without complete consent.
     */
    public EnrollmentReceipt enroll(EnrollmentRequest request, List<EnrollmentPhoto> photos) {
        PhotoUploads.check(request, photos);
        registry.putBadge(new Badge(request.badgeId(), request.name(), request.groups(), request.validFrom(),
                request.validUntil(), Badge.Status.ACTIVE, request.consent()));
        List<String> keys;
        try {
            keys = uploads.upload(request.badgeId(), photos);
        } finally {
            // After the uploads, so that a listener reads the new photos too; the badge is written either way.
            changes.changed(request.badgeId());
        }
        LOG.info("badge {} registered with {} photo(s), consent notice {}", request.badgeId(), keys.size(),
                request.consent().noticeVersion());
        return new EnrollmentReceipt(request.badgeId(), keys);
    }

    /**
     * Where {@link #enroll} uploads this photo of this badge: named by its content, so uploading the same photo
     * again writes the same key (a bulk import re-run can tell what it already did).
     */
    public static String photoKey(String badgeId, byte[] photo) {
        return PhotoUploads.key(badgeId, photo);
    }

    /**
     * The enrollment gate's verdict on a photo before it is submitted (the console's live webcam feedback): the
     * same header check, DetectFaces call and {@link PhotoQualityGate} rules as {@link EnrollmentHandler}, so the
     * words match what the enrollment would say. Empty: the gate would let it through. Nothing is stored.
     */
    public List<String> checkPhoto(byte[] photo) {
        return uploads.gateProblems(photo);
    }

    public List<PhotoEnrollment> enrollmentStatus(String badgeId) {
        return registry.enrollments(BadgeIds.require(badgeId));
    }

    /** Marks the badge REVOKED; the access handler revalidates the registry on every visit, so it is immediate. */
    public Badge revoke(String badgeId, String requestedBy) {
        Badge badge = registry.badge(BadgeIds.require(badgeId))
                .orElseThrow(() -> new IllegalArgumentException("no such badge: " + badgeId));
        Badge revoked = badge.withStatus(Badge.Status.REVOKED);
        registry.putBadge(revoked);
        changes.changed(badgeId);
        audit.badge(AuditEvent.Type.REVOKED, badgeId, requestedBy);
        LOG.info("badge {} revoked", badgeId);
        return revoked;
    }

    public Badge revoke(String badgeId) {
        return revoke(badgeId, "admin");
    }

    /**
     * Changes a badge's groups and validity (name, status and consent stay), audited as {@code BADGE_UPDATED} with
     * the old and new values (groups and dates only: no name) and who asked. The access handler revalidates the
     * registry on every visit, so it applies at once.
     */
    public Badge update(String badgeId, List<String> groups, Instant validFrom, Instant validUntil,
                        String requestedBy) {
        Badge badge = registry.badge(BadgeIds.require(badgeId))
                .orElseThrow(() -> new IllegalArgumentException("no such badge: " + badgeId));
        if (validUntil == null || (validFrom != null && !validUntil.isAfter(validFrom))) {
            throw new IllegalArgumentException("validUntil is required and must be after validFrom");
        }
        Badge updated = new Badge(badgeId, badge.name(), groups, validFrom, validUntil, badge.status(),
                badge.consent());
        registry.putBadge(updated);
        changes.changed(badgeId);
        audit.updated(badge, updated, requestedBy);
        LOG.info("badge {} updated", badgeId);
        return updated;
    }

    /** The uploaded enrollment photos of a badge still stored (key → bytes), e.g. for the person's own export. */
    public Map<String, byte[]> enrollmentPhotos(String badgeId) {
        return images.enrollmentPhotos(badgeId);
    }

    /**
     * A door's capture while it is retained (the bucket's lifecycle rule deletes captures), for the console's
     * snapshot beside a decision; empty once it is gone.
     */
    public Optional<byte[]> capture(CaptureKey key) {
        return images.capture(key);
    }

    /** The enrollment photo that produced this face of this badge, while it is stored. */
    public Optional<byte[]> enrolledPhoto(String badgeId, String faceId) {
        return images.enrolledPhoto(badgeId, faceId);
    }

    /** Audits that a person's own data was handed out ({@code DATA_EXPORTED}), before it is. */
    public void auditExport(String badgeId, String requestedBy) {
        audit.badge(AuditEvent.Type.DATA_EXPORTED, BadgeIds.require(badgeId), requestedBy);
        LOG.info("data of badge {} exported", badgeId);
    }

    /**
     * Erases a person: their faces and user in the collection, their enrollment photos, their registry entries.
     * The audit keeps only the badge id and the fact of erasure. Idempotent: erasing twice is harmless.
     */
    public ErasureReport erase(String badgeId, String requestedBy) {
        ErasureReport r = erasure.erase(BadgeIds.require(badgeId));
        changes.changed(badgeId);
        audit.badge(AuditEvent.Type.ERASED, badgeId, requestedBy);
        LOG.info("badge {} erased: {} face(s), {} photo(s), {} registry document(s)", badgeId, r.facesDeleted(),
                r.photosDeleted(), r.registryDocumentsDeleted());
        return r;
    }

    /**
     * Remote unlock: a {@link DoorCommand} UNLOCK on the door's commands topic, audited with its delivery outcome
     * (see {@link DoorCommands#send}). The door honours it once, before it expires, and audits it again when it acts.
     */
    public DoorCommand unlock(String doorId, String requestedBy, String reason, Duration ttl) {
        return commands.send(doorId, DoorCommand.Type.UNLOCK, requestedBy, reason, ttl);
    }

    /**
     * Lock-down (face grants refused until lifted) or its lift: audited LOCKDOWN / LOCKDOWN_LIFTED from the cloud
     * with its delivery outcome, as an unlock is; the door audits it again when it acts on it (same requestId).
     */
    public DoorCommand lockdown(String doorId, boolean lift, String requestedBy, String reason, Duration ttl) {
        return commands.send(doorId, lift ? DoorCommand.Type.LIFT_LOCKDOWN : DoorCommand.Type.LOCKDOWN, requestedBy,
                reason, ttl);
    }

    /** The door's last status message as the status rule stored it ({@code status/{doorId}.json}). */
    public Optional<DoorStatus> doorStatus(String doorId) {
        return statuses.latest(doorId);
    }

    /**
     * An admin's acknowledgement of a door alarm (DOOR_FORCED / DOOR_HELD_OPEN record {@code alarmId}), audited as
     * ALARM_ACKNOWLEDGED with who and the note.
     */
    public AuditEvent acknowledgeAlarm(String doorId, String alarmId, AuditEvent.Type alarmType, String requestedBy,
            String note) {
        AuditEvent e = audit.alarmAcknowledged(doorId, alarmId, alarmType, requestedBy, note);
        LOG.info("alarm {} of door {} acknowledged", alarmId, doorId);
        return e;
    }

    /**
     * A console account event (sign-in, refused sign-in, sign-out, account created) on the audit trail: the account
     * id as requestedBy and what else the console passes in details; never a password.
     */
    public void auditConsole(AuditEvent.Type type, String account, String reason, Map<String, String> details) {
        audit.console(type, account, reason, details);
    }

    /**
     * Adds or changes a door, checked by {@code DoorRules} and audited {@code DOOR_UPDATED} (who asked, each
     * changed field old -> new) before it is written; returns the changes (empty: nothing changed, no record).
     */
    public Map<String, String> putDoor(Door door, String requestedBy) {
        return doors.putDoor(door, requestedBy);
    }

    public void putDoor(Door door) {
        putDoor(door, "admin");
    }

    /** Creates a door no door has the id of ({@link DoorTakenException} otherwise), audited {@code created=true}. */
    public Map<String, String> createDoor(Door door, String requestedBy) {
        return doors.createDoor(door, requestedBy);
    }

    /** Adds or changes a group's document, audited {@code GROUP_UPDATED} as {@link #putDoor(Door, String)} is. */
    public Map<String, String> putGroup(Group group, String requestedBy) {
        return doors.putGroup(group, requestedBy);
    }

    public void putGroup(Group group) {
        putGroup(group, "admin");
    }

    /** Every badge, as stored now. */
    public List<Badge> listBadges() {
        return List.copyOf(registry.badges());
    }

    /**
     * Tells {@code listener} the badge id of every badge enrolled, updated, revoked or erased through this admin,
     * once the change is stored (in the thread that made it); its failure is logged, the change stands.
     */
    public void onBadgeChange(Consumer<String> listener) {
        changes.add(listener);
    }

    public void removeBadgeChangeListener(Consumer<String> listener) {
        changes.remove(listener);
    }

    public List<Door> listDoors() {
        return registry.doors();
    }

    /** Group documents plus every group named by a badge or a door. */
    public List<String> listGroups() {
        Set<String> names = new TreeSet<>();
        registry.groups().forEach(g -> names.add(g.name()));
        registry.badges().forEach(b -> names.addAll(b.groups()));
        registry.doors().forEach(d -> names.addAll(d.allowedGroups()));
        return List.copyOf(names);
    }

    /** Door id → its weekly windows. */
    public Map<String, List<ScheduleWindow>> listSchedules() {
        Map<String, List<ScheduleWindow>> out = new LinkedHashMap<>();
        registry.doors().forEach(d -> out.put(d.doorId(), d.schedules()));
        return out;
    }

    /** Audit records in [from, until) for a door and/or badge (null = any). */
    public List<AuditRecord> queryAudit(String doorId, String badgeId, Instant from, Instant until) {
        return audit.query(doorId, badgeId, from, until);
    }

    /** The reader behind {@link #queryAudit}, for a console's audit index (one parse cache for both). */
    public AuditReader auditReader() {
        return audit.reader();
    }
}
