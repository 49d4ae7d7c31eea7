package com.facegate.console.people;

import com.facegate.cloud.enroll.BadgeAdmin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The console's bulk imports: run one after another on one thread (the enrollment check is the bottleneck; two
 * imports side by side would only slow each other), the last {@value #KEPT} kept in memory for their pages and
 * reports. A restart forgets them; the registry keeps what they wrote, so re-running an import is safe.
 */
public final class ImportJobs implements AutoCloseable {
    static final int KEPT = 20;
    private final BadgeAdmin admin;
    private final Duration checkFor;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-import");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ImportJob> jobs = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImportJob> eldest) {
            return size() > KEPT && eldest.getValue().finished();
        }
    };

    /** {@code checkFor}: how long a row waits for its photo's enrollment check before it is left UNDECIDED. */
    public ImportJobs(BadgeAdmin admin, Duration checkFor) {
        this.admin = admin;
        this.checkFor = checkFor;
    }

    public synchronized void submit(ImportJob job) {
        try {
            worker.execute(() -> job.run(admin, checkFor));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the console is shutting down", e);
        }
        jobs.put(job.id(), job);
    }

    public synchronized Optional<ImportJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
