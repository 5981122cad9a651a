package io.fieldsync.accounting.engine.shell;

import java.util.List;

/** The line an admin reads when a provider is pointed somewhere other than its accounting system (a sandbox, a proxy). */
final class NonVendorEndpoints {

    private NonVendorEndpoints() {
    }

    static String warning(String provider, List<String> endpoints) {
        return "NOT THE VENDOR  : " + provider + " calls " + String.join(", ", endpoints)
                + " (a sandbox or proxy: documents do not reach the real books; set the URLs back in its etc/*.cfg)";
    }
}
