package io.fieldsync.accounting.itests;

import static io.fieldsync.accounting.itests.KarafRestartIT.COMPANY;
import static io.fieldsync.accounting.itests.KarafRestartIT.PROVIDER;
import static io.fieldsync.accounting.itests.KarafRestartIT.QUEUED_FIRST;
import static io.fieldsync.accounting.itests.KarafRestartIT.QUEUED_SECOND;
import static io.fieldsync.accounting.itests.KarafRestartIT.SENT_BEFORE_RESTART;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionState;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Second boot of {@link KarafRestartIT}, over the Karaf that {@link JournalBeforeRestart} left:
 * the choice of provider, the connection and the queued documents are still there, and the
 * documents go out once the provider bundle starts. Run through the suite only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JournalAfterRestart extends AccountingTestSupport {

    @Configuration
    public Option[] configuration() {
        return KarafOptions.existingKaraf(RestartedKaraf.HOME);
    }

    @Test
    public void queuedDocumentsSurviveTheRestartAndAreSentWhenTheProviderStarts() throws Exception {
        awaitActiveProvider(COMPANY, PROVIDER);
        assertThat(connections().status(COMPANY).state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status(SENT_BEFORE_RESTART).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        Bundle provider = testProviderBundle();
        assertThat(provider.getState()).as("provider bundle left stopped").isEqualTo(Bundle.RESOLVED);
        assertStaysPending(QUEUED_FIRST, Duration.ofSeconds(2));
        assertThat(status(QUEUED_SECOND).orElseThrow().status()).isEqualTo(SyncStatus.PENDING);

        provider.start();

        List<DocumentStatus> sent = List.of(awaitSynced(QUEUED_FIRST), awaitSynced(QUEUED_SECOND));
        assertThat(sent).allSatisfy(document -> {
            assertThat(document.provider()).isEqualTo(PROVIDER);
            assertThat(document.remoteId()).startsWith(PROVIDER + "-");
        });
    }
}
