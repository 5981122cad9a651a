package io.fieldsync.accounting.itests;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;

import org.junit.runner.RunWith;
import org.junit.runners.Suite;

/**
 * Queued documents survive a real Karaf restart: a new JVM over the same Karaf folder (bundle
 * cache, Config Admin, the H2 journal under {@code karaf.data}).
 *
 * <p>Pax Exam 4.13.5 cannot restart the container under one running test: its RMI link to the
 * framework dies with it. So the restart is two test classes run in this order by this suite: the
 * first boots a fresh Karaf kept after the class ({@code keepRuntimeFolder} in a folder of a known
 * name), the second starts that installation again ({@code karafDistributionConfiguration().existing(..)})
 * in a new JVM. Between the two, Pax Exam stops the framework (system bundle) and ends the process,
 * as {@code bin/stop} would.
 */
@RunWith(Suite.class)
@Suite.SuiteClasses({JournalBeforeRestart.class, JournalAfterRestart.class})
public class KarafRestartIT {

    static final CompanyId COMPANY = CompanyId.of("restart-company");
    static final String PROVIDER = "alpha";
    static final DocumentRef SENT_BEFORE_RESTART = DocumentRef.invoice(COMPANY, "BEFORE-RESTART-1");
    static final DocumentRef QUEUED_FIRST = DocumentRef.invoice(COMPANY, "QUEUED-1");
    static final DocumentRef QUEUED_SECOND = DocumentRef.invoice(COMPANY, "QUEUED-2");
}
