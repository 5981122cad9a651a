package io.fieldsync.accounting.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.SyncError;

/**
 * One import of a company's customers, tax rates or items, run in the background so that the admin API answers at once
 * and the page and the shell can show how far it got. Its state changes under its own lock; a reader gets a consistent
 * {@link Snapshot}, and {@link #awaitChange} lets the shell follow it without polling on a timer.
 */
public final class ImportJob {

    /** What is imported. */
    public enum Kind {
        /** The accounting system's contacts, paired with the host's customers. */
        CUSTOMERS,
        /** The accounting system's tax rates, linked to host tax rates. */
        TAX_RATES,
        /** The accounting system's items, linked to host categories. */
        ITEMS,
        /** Tax rates and items from one read (what {@code accounting:import} does). */
        TAX_RATES_AND_ITEMS;

        /** As the API names it: {@code tax-rates}. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The kind the API calls {@code name}, if any. */
        public static Optional<Kind> ofApiName(String name) {
            for (Kind kind : values()) {
                if (kind.apiName().equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** Where the job is. */
    public enum State {
        /** Waiting for a worker (another company's import may be running). */
        QUEUED,
        /** Reading the accounting system's rows. */
        READING,
        /** Applying the decisions. */
        DECIDING,
        /** Finished; the result is there. */
        DONE,
        /** Refused or broken; nothing of the decisions was applied (the engine applies them all or none). */
        FAILED;

        public boolean finished() {
            return this == DONE || this == FAILED;
        }
    }

    /**
     * The counts so far.
     *
     * @param rowsRead rows read from the accounting system
     * @param matched rows linked to a host value (a contact to a customer, a tax rate or item to a host value)
     * @param decided rows the admin's decisions (or the pairing by name) settled
     * @param created rows decided to be created (a contact to become a host customer, a customer to get a contact)
     * @param failed rows not applied because the import was refused
     */
    public record Progress(long rowsRead, long matched, long decided, long created, long failed) {
        static final Progress NONE = new Progress(0, 0, 0, 0, 0);
    }

    /** The job as it stood at one moment; {@code result} only when DONE, {@code error} only when FAILED. */
    public record Snapshot(String id, CompanyId company, Kind kind, String startedBy, State state, long version,
                           Progress progress, List<String> steps, Object result, SyncError error) {
    }

    private final String id;
    private final CompanyId company;
    private final Kind kind;
    private final String startedBy;
    private State state = State.QUEUED;
    private long version;
    private Progress progress = Progress.NONE;
    private final List<String> steps = new ArrayList<>();
    private Object result;
    private SyncError error;

    ImportJob(String id, CompanyId company, Kind kind, String startedBy) {
        this.id = id;
        this.company = company;
        this.kind = kind;
        this.startedBy = startedBy;
    }

    public String id() {
        return id;
    }

    public CompanyId company() {
        return company;
    }

    public Kind kind() {
        return kind;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(id, company, kind, startedBy, state, version, progress, List.copyOf(steps), result, error);
    }

    /**
     * Waits until the job has moved past {@code seenVersion} or finished, and answers where it is then; a job already
     * past it answers at once.
     */
    public synchronized Snapshot awaitChange(long seenVersion) throws InterruptedException {
        while (version <= seenVersion && !state.finished()) {
            wait();
        }
        return snapshot();
    }

    synchronized void step(State next, Progress counts, String note) {
        state = next;
        progress = counts;
        steps.add(note);
        version++;
        notifyAll();
    }

    synchronized void done(Progress counts, String note, Object outcome) {
        result = outcome;
        step(State.DONE, counts, note);
    }

    synchronized void failed(Progress counts, String note, SyncError why) {
        error = why;
        step(State.FAILED, counts, note);
    }

    synchronized boolean finished() {
        return state.finished();
    }
}
