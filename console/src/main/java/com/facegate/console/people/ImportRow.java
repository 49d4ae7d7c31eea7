package com.facegate.console.people;

import com.facegate.cloud.enroll.EnrollmentRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One CSV line of a bulk import and where it got to. Photos are enrolled one at a time (a badge's first enrolled
 * face is the reference its later photos are checked against, so they must not race it); {@link #awaiting} is the
 * key whose outcome the row waits for. Written by the import's worker thread only, read by the progress page.
 */
public final class ImportRow {
    /** Where a row is. Final: REJECTED, ENROLLED, PARTLY_ENROLLED, ALREADY_IMPORTED, UNDECIDED. */
    public enum State { WAITING, CHECKING, REJECTED, ENROLLED, PARTLY_ENROLLED, ALREADY_IMPORTED, UNDECIDED }

    final int line;
    final String badgeId;
    /** Without a valid_from in the CSV, an existing badge keeps its own (a re-run must not move it to today). */
    final boolean fromGiven;
    EnrollmentRequest request;
    final Deque<ImportZip.Photo> toUpload = new ArrayDeque<>();
    final List<String> photoNames = new ArrayList<>();
    final List<String> rejectedPhotos = new ArrayList<>();
    int enrolledPhotos;
    String awaiting;
    String awaitingName;
    private volatile State state;
    private volatile String detail;

    ImportRow(int line, String badgeId, EnrollmentRequest request, boolean fromGiven, List<ImportZip.Photo> photos,
              List<String> problems) {
        this.line = line;
        this.badgeId = badgeId;
        this.request = request;
        this.fromGiven = fromGiven;
        photos.forEach(p -> {
            toUpload.add(p);
            photoNames.add(p.fileName());
        });
        if (problems.isEmpty()) {
            this.state = State.WAITING;
            this.detail = photoNames.size() + " photo(s)";
        } else {
            this.state = State.REJECTED;
            this.detail = String.join("; ", problems);
        }
    }

    public int line() {
        return line;
    }

    public String badgeId() {
        return badgeId;
    }

    public State state() {
        return state;
    }

    public String detail() {
        return detail;
    }

    public String photos() {
        return String.join(", ", photoNames);
    }

    public boolean done() {
        return state != State.WAITING && state != State.CHECKING;
    }

    /** For the report: rejected rows, and rows of which some photo was rejected. */
    public boolean reportable() {
        return state == State.REJECTED || state == State.PARTLY_ENROLLED || state == State.UNDECIDED;
    }

    void set(State newState, String newDetail) {
        this.detail = newDetail;
        this.state = newState;
    }
}
