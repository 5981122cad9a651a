package io.fieldsync.accounting.engine.shell;

import java.util.stream.Collectors;

import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Lists the installed accounting providers; the active one is marked. The limits are each provider's own, per
 * organisation (calls a minute, a day) and across the app (calls a minute): Xero's daily and app-wide figures come
 * from its configuration (the app's tier).
 */
@Service
@Command(scope = "accounting", name = "providers", description = "Lists the installed accounting providers; * marks the active one.")
public class ProvidersCommand implements Action {

    @Reference
    ProviderDirectory directory;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Default");
        table.column("Id");
        table.column("Name");
        table.column("Batch (inv/pay)");
        table.column("Calls/min");
        table.column("Calls/day");
        table.column("App calls/min");
        table.column("Capabilities");
        for (ProviderDescriptor provider : directory.installed()) {
            table.addRow().addContent(provider.id().equals(directory.configuredId()) ? "*" : "", provider.id(),
                    provider.displayName(),
                    provider.limits().batchSize(io.fieldsync.accounting.api.DocumentKind.INVOICE) + "/"
                            + provider.limits().batchSize(io.fieldsync.accounting.api.DocumentKind.PAYMENT),
                    provider.limits().callsPerMinute(),
                    // QuickBooks declares no daily limit (Integer.MAX_VALUE)
                    provider.limits().callsPerDay() == Integer.MAX_VALUE ? "-" : provider.limits().callsPerDay(),
                    // 0: the accounting system has no app-wide limit
                    provider.limits().appCallsPerMinute() == 0 ? "-" : provider.limits().appCallsPerMinute(),
                    provider.capabilities().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        }
        table.print(System.out);
        for (ProviderDescriptor provider : directory.installed()) {
            directory.provider(provider.id()).map(active -> active.provider().nonVendorEndpoints()).filter(urls -> !urls.isEmpty())
                    .ifPresent(urls -> System.out.println(NonVendorEndpoints.warning(provider.displayName(), urls)));
            // a provider that cannot read its own secrets (ENC(...) without its encryptor) refuses every connect
            directory.provider(provider.id()).map(active -> active.provider().configurationProblems()).orElse(java.util.List.of())
                    .forEach(problem -> System.out.println("Configuration error (" + provider.displayName() + "): " + problem.message()));
        }
        if (EngineConfiguration.NO_PROVIDER.equals(directory.configuredId())) {
            System.out.println("No default provider: companies without their own choice (accounting:use --company) wait for one.");
        } else if (directory.active().isEmpty()) {
            System.out.println("Default provider '" + directory.configuredId() + "' is not installed: documents of companies "
                    + "without their own choice wait until it is.");
        }
        directory.configurationProblems().forEach(problem -> System.out.println("Configuration error: " + problem.error().message()));
        return null;
    }
}
