package io.fieldsync.accounting.demo;

import java.time.Duration;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.AccountingSetup;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code accounting:demo}: a host's first day against the active accounting system, with a report. */
@Service
@Command(scope = "accounting", name = "demo", description = "Connects a demo company, locks invoices, collects payments, "
        + "cancels a few, waits for the sync and reports what reached the accounting system.")
public class DemoCommand implements Action {

    @Option(name = "--company", description = "The company id to use")
    String company = "demo-plumbing";

    @Option(name = "--customers", description = "How many customers")
    int customers = 30;

    @Option(name = "--invoices", description = "How many invoices")
    int invoices = 100;

    @Option(name = "--payments", description = "How many payments (every second one partial)")
    int payments = 40;

    @Option(name = "--cancellations", description = "How many invoices are cancelled")
    int cancellations = 5;

    @Option(name = "--timeout", description = "Seconds to wait for the queue to drain")
    int timeout = 600;

    @Reference
    AccountingSync sync;

    @Reference
    AccountingConnections connections;

    @Reference
    AccountingSetup setup;

    @Override
    public Object execute() throws Exception {
        DemoReport report = new DemoScenario(sync, connections, setup, java.time.Clock.systemUTC()).run(CompanyId.of(company),
                new DemoPlan(customers, invoices, payments, cancellations), Duration.ofSeconds(timeout));
        System.out.print(report.toText());
        return null;
    }
}
