package io.fieldsync.accounting.engine.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.fieldsync.accounting.api.admin.AccountingHealth;
import io.fieldsync.accounting.api.admin.HealthReport;

/** Whether the engine can do its work: the database, every connection, and lanes with due documents that get no turn. */
@Service
@Command(scope = "accounting", name = "health",
        description = "Checks the journal's database, every connection and the lanes; prints OK, WARN or CRITICAL with what to do.")
public class HealthCommand implements Action {

    @Reference
    AccountingHealth health;

    @Override
    public Object execute() {
        HealthReport report = health.check();
        ShellTable table = new ShellTable();
        table.column("Check");
        table.column("Status");
        table.column("Message");
        for (HealthReport.Check check : report.checks()) {
            table.addRow().addContent(check.name(), check.status(), check.message());
        }
        table.print(System.out);
        System.out.println("Health          : " + report.status() + " at " + report.at());
        return null;
    }
}
