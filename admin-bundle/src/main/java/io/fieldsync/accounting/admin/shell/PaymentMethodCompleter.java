package io.fieldsync.accounting.admin.shell;

import java.util.List;

import io.fieldsync.accounting.api.PaymentMethod;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the payment methods, which each may have their own deposit account. */
@Service
public class PaymentMethodCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (PaymentMethod value : PaymentMethod.values()) {
            names.getStrings().add(value.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
