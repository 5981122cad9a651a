package io.fieldsync.accounting.engine.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountingProviders;
import io.fieldsync.accounting.api.admin.CompanyProvider;
import io.fieldsync.accounting.engine.ConfigurationCheck;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Chooses the accounting system of one company (with {@code --company}), or the default of every company without a
 * choice of its own through Config Admin, exactly as editing the configuration would.
 */
@Service
@Command(scope = "accounting", name = "use", description = "Chooses the accounting provider (xero, quickbooks, none) of one "
        + "company (--company), or the default of all others. Documents not yet sent follow; documents already bound to the "
        + "old provider keep going there until accounting:rebind.")
public class UseCommand implements Action {

    @Argument(index = 0, name = "provider", description = "The provider id, or none", required = true)
    @Completion(ProviderIdCompleter.class)
    String provider;

    @Option(name = "--company", description = "The company whose provider this is; without it, the default of every company "
            + "without a choice of its own")
    @Completion(CompanyIdCompleter.class)
    String company;

    @Option(name = "--force", description = "Switch the default even if the provider is not installed yet (documents wait for it)")
    boolean force;

    @Reference
    ProviderDirectory directory;

    @Reference
    AccountingProviders providers;

    @Reference
    ConfigurationAdmin configurationAdmin;

    @Override
    public Object execute() throws IOException {
        if (company != null) {
            return useForCompany();
        }
        String id = provider.strip().toLowerCase(Locale.ROOT);
        boolean none = EngineConfiguration.NO_PROVIDER.equals(id);
        if (!none && !id.matches(ConfigurationCheck.PROVIDER_ID)) {
            System.err.println("'" + ConfigurationCheck.printable(provider) + "' is not an accounting provider id: lower case "
                    + "letters, digits and dashes, starting with a letter (e.g. xero, quickbooks), or none");
            return null;
        }
        if (!none && directory.provider(id).isEmpty() && !force) {
            System.err.println("Provider '" + id + "' is not installed. Installed: "
                    + directory.installed().stream().map(d -> d.id()).toList()
                    + ". Use --force to switch anyway; documents then wait until it is installed.");
            return null;
        }
        Configuration configuration = configurationAdmin.getConfiguration(EngineConfiguration.PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put("provider", id);
        configuration.update(properties);
        System.out.println("Active accounting provider: " + id);
        return null;
    }

    private Object useForCompany() {
        CompanyProvider chosen;
        try {
            chosen = providers.choose(CompanyId.of(company), provider, ShellUser.name());
        } catch (AccountingException | IllegalArgumentException refused) {
            System.err.println(refused.getMessage());
            return null;
        }
        System.out.println("Accounting provider of " + chosen.company() + ": " + chosen.provider());
        if (chosen.waitingReason() != null) {
            System.err.println("Note: " + chosen.waitingReason());
        }
        return null;
    }
}
