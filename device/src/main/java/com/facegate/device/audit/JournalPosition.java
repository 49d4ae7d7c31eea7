package com.facegate.device.audit;

/** A place in the journal: segment number and byte offset inside it. Ordered. */
public record JournalPosition(long segment, long offset) implements Comparable<JournalPosition> {
    @Override
    public int compareTo(JournalPosition o) {
        int c = Long.compare(segment, o.segment);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }
}
