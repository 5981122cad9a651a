package io.fieldsync.accounting.admin.shell;

import java.util.Locale;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.SyncSettings;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Shows a company's sync settings, or changes the ones given as options and shows the result. The options are read
 * before anything is saved: one bad value changes nothing.
 */
@Service
@Command(scope = "accounting", name = "settings", description = "Shows a company's sync settings; with options, changes them "
        + "(the others stay as they are).")
public class SettingsCommand implements Action {

    @Argument(index = 0, name = "company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--push-as", description = "Invoices go to the accounting system as DRAFT or APPROVED")
    @Completion(value = StringsCompleter.class, values = {"DRAFT", "APPROVED"})
    String pushAs;

    @Option(name = "--keep-numbers", description = "on: send the host's invoice numbers; off: the accounting system numbers invoices")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String keepNumbers;

    @Option(name = "--two-way-names", description = "on: customer names changed in the accounting system come back to the host")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String twoWayNames;

    @Option(name = "--auto-sync-invoices", description = "off: invoices and credit notes wait NOT_ATTEMPTED until synced by hand")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String autoSyncInvoices;

    @Option(name = "--auto-sync-payments", description = "off: payments wait NOT_ATTEMPTED until synced by hand")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String autoSyncPayments;

    @Option(name = "--polling-interval", description = "Minutes between polls of the company's changed invoices ("
            + SyncSettings.MIN_POLLING_INTERVAL_MINUTES + " to " + SyncSettings.MAX_POLLING_INTERVAL_MINUTES
            + "), off for none, or default for the node's")
    @Completion(value = StringsCompleter.class, values = {"default", "off", "5", "15", "60"})
    String pollingInterval;

    @Reference
    AccountingSetup setup;

    @Override
    public Object execute() {
        CompanyId id;
        SyncSettings changed;
        try {
            id = CompanyId.of(company);
            SyncSettings current = setup.settings(id);
            changed = new SyncSettings(
                    pushAs == null ? current.pushInvoicesAs() : pushAs(pushAs),
                    onOff("--keep-numbers", keepNumbers, current.keepHostInvoiceNumbers()),
                    onOff("--two-way-names", twoWayNames, current.twoWayNameSync()),
                    onOff("--auto-sync-invoices", autoSyncInvoices, current.autoSyncInvoices()),
                    onOff("--auto-sync-payments", autoSyncPayments, current.autoSyncPayments()),
                    pollingInterval == null ? current.pollingIntervalMinutes() : interval(pollingInterval));
            if (!changed.equals(current)) {
                setup.saveSettings(id, changed);
            }
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
        print(id, setup.settings(id));
        return null;
    }

    private static void print(CompanyId company, SyncSettings settings) {
        System.out.println("Sync settings of " + company);
        System.out.println("  invoices pushed as   : " + settings.pushInvoicesAs());
        System.out.println("  keep invoice numbers : " + onOff(settings.keepHostInvoiceNumbers()));
        System.out.println("  two-way name sync    : " + onOff(settings.twoWayNameSync()));
        System.out.println("  auto-sync invoices   : " + onOff(settings.autoSyncInvoices())
                + (settings.autoSyncInvoices() ? "" : " (they wait NOT_ATTEMPTED; sync them with the admin API or page)"));
        System.out.println("  auto-sync payments   : " + onOff(settings.autoSyncPayments()));
        Integer minutes = settings.pollingIntervalMinutes();
        System.out.println("  polling interval     : " + (minutes == null ? "the node's default (poll_interval_min)"
                : minutes == 0 ? "off (webhooks only)" : minutes + " min"));
    }

    private static InvoiceStatusOnPush pushAs(String value) {
        try {
            return InvoiceStatusOnPush.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--push-as must be DRAFT or APPROVED, not '" + value + "'");
        }
    }

    private static boolean onOff(String option, String value, boolean current) {
        if (value == null) {
            return current;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException(option + " must be on or off, not '" + value + "'");
        };
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }

    private static Integer interval(String value) {
        String words = value.strip().toLowerCase(Locale.ROOT);
        if (words.equals("default")) {
            return null;
        }
        if (words.equals("off")) {
            return 0;
        }
        try {
            return Integer.valueOf(words);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--polling-interval must be a number of minutes, off or default, not '" + value + "'");
        }
    }
}
