package io.fieldsync.accounting.engine.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;

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

/** Switches the active provider through Config Admin, exactly as editing the configuration would. */
@Service
@Command(scope = "accounting", name = "use", description = "Makes an accounting provider active (xero, quickbooks, none). "
        + "Queued documents wait for it; nothing is lost.")
public class UseCommand implements Action {

    @Argument(index = 0, name = "provider", description = "The provider id, or none", required = true)
    @Completion(ProviderIdCompleter.class)
    String provider;

    @Option(name = "--force", description = "Switch even if the provider is not installed yet (documents wait for it)")
    boolean force;

    @Reference
    ProviderDirectory directory;

    @Reference
    ConfigurationAdmin configurationAdmin;

    @Override
    public Object execute() throws IOException {
        String id = provider.strip().toLowerCase(Locale.ROOT);
        boolean none = EngineConfiguration.NO_PROVIDER.equals(id);
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
}
