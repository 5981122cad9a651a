package io.fieldsync.accounting.itests;

import static io.fieldsync.accounting.itests.KarafRestartIT.COMPANY;
import static io.fieldsync.accounting.itests.KarafRestartIT.PROVIDER;
import static io.fieldsync.accounting.itests.KarafRestartIT.QUEUED_FIRST;
import static io.fieldsync.accounting.itests.KarafRestartIT.QUEUED_SECOND;
import static io.fieldsync.accounting.itests.KarafRestartIT.SENT_BEFORE_RESTART;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.fieldsync.accounting.api.SyncStatus;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * First boot of {@link KarafRestartIT}: chooses the provider with the shell, connects a company, sends
 * one invoice, then queues two while the provider bundle is stopped. Run through the suite only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JournalBeforeRestart extends AccountingTestSupport {

    @Configuration
    public Option[] configuration() {
        return KarafOptions.keptKaraf(RestartedKaraf.HOME, "accounting");
    }

    @Test
    public void documentsQueuedWhileTheProviderIsStoppedAreInTheJournalWhenKarafStops() throws Exception {
        Bundle provider = testProviderBundle();
        executeCommand("accounting:use " + PROVIDER);
        awaitActiveProvider(COMPANY, PROVIDER);
        connectAndMap(COMPANY, PROVIDER);
        assertThat(awaitSynced(lockInvoice(COMPANY, SENT_BEFORE_RESTART.hostId())).provider()).isEqualTo(PROVIDER);

        provider.stop();
        awaitProvider(PROVIDER, false);
        lockInvoice(COMPANY, QUEUED_FIRST.hostId());
        lockInvoice(COMPANY, QUEUED_SECOND.hostId());

        assertStaysPending(QUEUED_FIRST, Duration.ofSeconds(2));
        assertThat(status(QUEUED_SECOND).orElseThrow().status()).isEqualTo(SyncStatus.PENDING);
    }
}
