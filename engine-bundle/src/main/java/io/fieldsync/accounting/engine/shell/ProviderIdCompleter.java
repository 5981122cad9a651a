package io.fieldsync.accounting.engine.shell;

import java.util.List;

import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of the installed providers, and {@code none}. */
@Service
public class ProviderIdCompleter implements Completer {

    @Reference
    ProviderDirectory directory;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        directory.installed().stream().map(ProviderDescriptor::id).forEach(ids.getStrings()::add);
        ids.getStrings().add(EngineConfiguration.NO_PROVIDER);
        return ids.complete(session, commandLine, candidates);
    }
}
