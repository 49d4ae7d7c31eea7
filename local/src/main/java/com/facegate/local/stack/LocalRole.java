package com.facegate.local.stack;

/** The cloud handlers' and rules' IAM roles in {@code cloud/template.yaml}; each has its own key locally. */
public enum LocalRole {
    ACCESS_DECISION("access-decision", "AccessDecisionRole"),
    ENROLLMENT("enrollment", "EnrollmentRole"),
    AUDIT_SINK("audit-sink", "AuditSinkRole"),
    GALLERY("gallery", "GalleryRole"),
    /** The door status rule's S3 action (an IoT rule acts under a role too). */
    DOOR_STATUS_RULE("door-status", "DoorStatusRuleRole");

    private final String id;
    private final String templateRole;

    LocalRole(String id, String templateRole) {
        this.id = id;
        this.templateRole = templateRole;
    }

    /** The role's name here and its policy's name in the template ({@code PolicyName}). */
    public String id() {
        return id;
    }

    /** The template's resource name of the role. */
    public String templateRole() {
        return templateRole;
    }
}
