package io.fieldsync.accounting.engine.sync;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;
import io.fieldsync.accounting.engine.store.NodeId;

/** Dispatchers of nodes sharing one journal: one node per company at a time, and a node that joins gets its share. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class NodesShareLanesTest {

    private static final List<CompanyId> COMPANIES = List.of(CompanyId.of("a"), CompanyId.of("b"), CompanyId.of("c"), CompanyId.of("d"));

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase journal;

    private TestEngine one;
    private TestEngine two;

    @AfterEach
    void stop() throws Exception {
        two.close();
        one.close();
    }

    @Test
    void aNodeThatJoinsABusyNodeServesHalfTheCompaniesAndNoCompanyIsServedByBoth() {
        journal = kind.fresh();
        one = new TestEngine(keys, "xero", journal.dataSource(), new NodeId("node-1"));
        two = new TestEngine(keys, "xero", journal.dataSource(), new NodeId("node-2"));
        ScriptedProvider xeroOfOne = one.install(new ScriptedProvider("xero"));
        ScriptedProvider xeroOfTwo = two.install(new ScriptedProvider("xero"));
        for (CompanyId company : COMPANIES) {
            xeroOfOne.organisations = List.of(new Organisation("tenant-" + company.value(), "Company " + company.value()));
            one.connect(company);
            one.setup.saveMappings(company, Samples.completeMappings());
        }
        for (CompanyId company : COMPANIES) {
            // three batches of 50 each: a pass sends one batch per company, so the backlog outlasts several passes
            for (int n = 0; n < 150; n++) {
                one.sync.invoiceLocked(company, invoice("I-" + n, customer("C-" + n % 5)));
            }
        }

        assertThat(one.pass()).isEqualTo(4 * 50);
        assertThat(companiesSentBy(xeroOfOne)).as("alone, node one serves every company").containsExactlyInAnyOrderElementsOf(COMPANIES);
        assertThat(two.pass()).as("every company is node one's for now").isZero();
        one.pass();
        xeroOfOne.invoicePushes.clear();
        two.pass();
        one.pass();

        Set<CompanyId> servedByOne = companiesSentBy(xeroOfOne);
        Set<CompanyId> servedByTwo = companiesSentBy(xeroOfTwo);
        assertThat(servedByOne).hasSize(2);
        assertThat(servedByTwo).hasSize(2).doesNotContainAnyElementsOf(servedByOne);
        assertThat(xeroOfOne.invoicePushes.size() + xeroOfTwo.invoicePushes.size()).isEqualTo(4 * 50);
    }

    private static Set<CompanyId> companiesSentBy(ScriptedProvider provider) {
        return provider.invoicePushes.stream().map(push -> push.document().company()).collect(Collectors.toSet());
    }
}
