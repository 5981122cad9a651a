package io.fieldsync.accounting.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;

/** What the admin bundle remembers of its imports, and how a follower learns that one moved on. */
class ImportJobsTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    private AdminApiFixture api;

    @BeforeEach
    void engineWithAConnectedCompany() {
        api = new AdminApiFixture(keys);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void theOldestFinishedJobsAreForgottenBeyondTheLatestHundred() {
        ImportJobs imports = new ImportJobs(api.engine.setup, Runnable::run);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= ImportJobs.KEPT; i++) {
            ids.add(imports.start(ACME, ImportJob.Kind.ITEMS, ImportJobs.Request.reference(List.of()), "karaf").id());
        }

        assertThat(imports.of(ACME)).hasSize(ImportJobs.KEPT);
        assertThat(imports.find(ACME, ids.get(0))).as("the oldest").isEmpty();
        assertThat(imports.find(ACME, ids.get(ImportJobs.KEPT))).as("the newest").isPresent();
    }

    @Test
    void anUnfinishedJobIsNeverForgottenToMakeRoom() {
        List<Runnable> queued = new ArrayList<>();
        ImportJobs imports = new ImportJobs(api.engine.setup, work -> {
            if (queued.isEmpty()) {
                queued.add(work); // the first job waits for a worker; every later one runs at once
            } else {
                work.run();
            }
        });
        String waiting = imports.start(CompanyId.of("globex"), ImportJob.Kind.ITEMS, ImportJobs.Request.reference(List.of()), "karaf").id();
        for (int i = 0; i < ImportJobs.KEPT + 5; i++) {
            imports.start(CompanyId.of("c" + i), ImportJob.Kind.ITEMS, ImportJobs.Request.reference(List.of()), "karaf");
        }

        assertThat(imports.find(CompanyId.of("globex"), waiting)).as("queued, so kept").isPresent();
        assertThat(imports.of(CompanyId.of("c0"))).as("the oldest finished ones made room").isEmpty();
        assertThat(imports.of(CompanyId.of("c" + (ImportJobs.KEPT + 4)))).as("the newest").hasSize(1);
    }

    @Test
    void aFollowerWaitingOnAJobLearnsEachStepAndTheEnd() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        ImportJobs imports = new ImportJobs(api.engine.setup, queued::add);
        ImportJob job = imports.start(ACME, ImportJob.Kind.TAX_RATES, ImportJobs.Request.reference(List.of()), "karaf");
        ImportJob.Snapshot before = job.snapshot();
        assertThat(before.state()).isEqualTo(ImportJob.State.QUEUED);

        Thread worker = new Thread(queued.get(0));
        worker.start();
        ImportJob.Snapshot seen = before;
        List<ImportJob.State> states = new ArrayList<>();
        while (!seen.state().finished()) {
            seen = job.awaitChange(seen.version());
            states.add(seen.state());
        }
        worker.join();

        assertThat(states).last().isEqualTo(ImportJob.State.DONE);
        assertThat(seen.steps()).hasSize(3);
        assertThat(seen.progress().rowsRead()).isEqualTo(1);
    }
}
