package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.AuthorizationStart;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.spi.AccountingProvider;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What the tests do inside Karaf, as a host and an admin would: pick the provider, connect a
 * company, map it, send invoices, wait for their status, run shell commands.
 */
abstract class AccountingTestSupport {

    static final String TEST_PROVIDER_BSN = "io.fieldsync.accounting.testprovider";
    static final String ENGINE_PID = "io.fieldsync.accounting";
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    /** Remote accounts of the test provider's chart (see its referenceData). */
    private static final String SALES_ACCOUNT = "200";
    private static final String BANK_ACCOUNT = "090";

    @Inject
    protected BundleContext bundleContext;

    // ---- a settled Karaf ---------------------------------------------------------------------

    /**
     * Pax Exam runs the first test as soon as its own bundles are up. On a slow (cold) boot Karaf is
     * still installing, starting and refreshing the boot features then, ours among them; so every
     * test first waits for Karaf's BootFinished service and for every bundle to be active. The
     * service is looked up by name: loading its class would wire this probe to the features
     * bundle while the deployer may still refresh it.
     */
    @Before
    public void karafHasSettled() {
        await("Karaf to finish installing the boot features",
                () -> bundleContext.getServiceReferences((String) null, "(objectClass=" + BOOT_FINISHED + ")") != null);
        await("every bundle meant to run to be active", () -> notActive(true).isEmpty());
    }

    /**
     * Bundles that are not active (fragments aside, lazy ones starting count as active), as "name
     * version state"; with {@code onlyStarted}, only those started persistently (not those a test
     * stopped on purpose).
     */
    List<String> notActive(boolean onlyStarted) {
        return Arrays.stream(bundleContext.getBundles())
                .filter(bundle -> bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .filter(bundle -> !onlyStarted || bundle.adapt(BundleStartLevel.class).isPersistentlyStarted())
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
                .filter(bundle -> !(bundle.getState() == Bundle.STARTING
                        && Constants.ACTIVATION_LAZY.equals(bundle.getHeaders().get(Constants.BUNDLE_ACTIVATIONPOLICY))))
                .map(bundle -> bundle.getSymbolicName() + " " + bundle.getVersion() + " " + stateName(bundle.getState()))
                .toList();
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    // ---- services --------------------------------------------------------------------------

    /** The service, waiting for it to appear. */
    <T> T service(Class<T> type) {
        return service(type, null);
    }

    /**
     * The service, waiting for it to appear. It is taken with the probe's own context and never
     * released: a tracker would release it on close, and a Config Admin released is a dead one.
     */
    <T> T service(Class<T> type, String filter) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, filter(type, filter), null);
        tracker.open();
        try {
            if (tracker.waitForService(TIMEOUT.toMillis()) == null) {
                fail("no %s service%s within %s", type.getSimpleName(), filter == null ? "" : " " + filter, TIMEOUT);
            }
            ServiceReference<T> reference = tracker.getServiceReference();
            T service = reference == null ? null : bundleContext.getService(reference);
            if (service == null) {
                fail("the %s service went away while it was being taken", type.getSimpleName());
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + type.getSimpleName(), e);
        } finally {
            tracker.close();
        }
    }

    AccountingSync sync() {
        return service(AccountingSync.class);
    }

    AccountingConnections connections() {
        return service(AccountingConnections.class);
    }

    AccountingSetup setup() {
        return service(AccountingSetup.class);
    }

    /** Waits until the test provider {@code id} is registered, or is gone when {@code present} is false. */
    void awaitProvider(String id, boolean present) {
        String filter = "(" + AccountingProvider.PROVIDER_PROPERTY + "=" + id + ")";
        await("provider " + id + (present ? " to appear" : " to disappear"),
                () -> bundleContext.getServiceReferences(AccountingProvider.class, filter).isEmpty() != present);
    }

    Bundle testProviderBundle() {
        return Arrays.stream(bundleContext.getBundles())
                .filter(bundle -> TEST_PROVIDER_BSN.equals(bundle.getSymbolicName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the test provider bundle is not installed"));
    }

    // ---- the active provider ---------------------------------------------------------------

    /** Makes {@code id} the active provider the way an admin's tooling would: Config Admin. */
    void useProviderThroughConfigAdmin(String id) throws IOException {
        Configuration configuration = service(ConfigurationAdmin.class).getConfiguration(ENGINE_PID, "?");
        Dictionary<String, Object> properties = Optional.ofNullable(configuration.getProperties()).orElseGet(Hashtable::new);
        properties.put("provider", id);
        configuration.update(properties);
    }

    /** Waits until the engine reports {@code id} as the active provider for {@code company}. */
    void awaitActiveProvider(CompanyId company, String id) {
        await("the engine to make " + id + " the active provider", () -> id.equals(connections().status(company).provider()));
    }

    void switchProvider(CompanyId company, String id) throws IOException {
        useProviderThroughConfigAdmin(id);
        awaitActiveProvider(company, id);
    }

    // ---- connecting and mapping a company ----------------------------------------------------

    /** Connects {@code company} to the active provider (any code works with the test provider) and maps it. */
    ConnectionStatus connectAndMap(CompanyId company, String provider) {
        AuthorizationStart start = connections().beginAuthorization(company);
        assertThat(start.provider()).as("provider the authorisation starts with").isEqualTo(provider);
        ConnectionStatus status = connections().completeAuthorization(Map.of("code", "any-code", "state", start.state()));
        assertThat(status.state()).as("connection of %s to %s", company, provider).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.provider()).isEqualTo(provider);
        setup().saveMappings(company, new Mappings(Map.of(), Map.of(), Map.of(), SALES_ACCOUNT, null, BANK_ACCOUNT, Map.of()));
        return status;
    }

    // ---- documents -------------------------------------------------------------------------

    /** A tax-free invoice of one labour line, whose number is its host id. */
    static Invoice invoice(String hostId) {
        Customer customer = new Customer("customer-" + hostId, "Harbour Plumbing " + hostId, null, null, null);
        LocalDate today = LocalDate.now();
        return new Invoice(hostId, hostId, customer, today, today.plusDays(30), Currency.getInstance("NZD"), null,
                AmountType.NO_TAX,
                List.of(InvoiceLine.of("Boiler service", BigDecimal.ONE, new BigDecimal("120.00"), ProductCategory.LABOUR, List.of())),
                null);
    }

    DocumentRef lockInvoice(CompanyId company, String hostId) {
        return sync().invoiceLocked(company, invoice(hostId)).document();
    }

    Optional<DocumentStatus> status(DocumentRef document) {
        return sync().status(document);
    }

    /** Waits until the document is SYNCED, failing at once if it FAILED. */
    DocumentStatus awaitSynced(DocumentRef document) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        DocumentStatus last = null;
        while (Instant.now().isBefore(deadline)) {
            last = status(document).orElse(null);
            if (last != null && last.status() == SyncStatus.SYNCED) {
                return last;
            }
            if (last != null && last.status() == SyncStatus.FAILED) {
                fail("%s failed: %s", document, last.error());
            }
            pause();
        }
        throw new AssertionError(document + " was not synced within " + TIMEOUT + "; last status: " + last);
    }

    /** Watches the document for {@code period}: every observation must be PENDING. */
    void assertStaysPending(DocumentRef document, Duration period) {
        Instant end = Instant.now().plus(period);
        List<SyncStatus> seen = new ArrayList<>();
        do {
            seen.add(status(document).map(DocumentStatus::status).orElse(null));
            pause();
        } while (Instant.now().isBefore(end));
        assertThat(seen).as("statuses of %s while no provider can take it", document).containsOnly(SyncStatus.PENDING);
    }

    // ---- shell -----------------------------------------------------------------------------

    /** Runs a shell command as Karaf's own itests do, and returns what it printed. */
    String executeCommand(String command) {
        SessionFactory sessionFactory = service(SessionFactory.class);
        String name = command.split(" ", 2)[0];
        String scope = name.contains(":") ? name.substring(0, name.indexOf(':')) : "*";
        String function = name.substring(name.indexOf(':') + 1);
        await("command " + name, () -> sessionFactory.getRegistry().getCommand(scope, function) != null);

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8);
             InputStream noInput = InputStream.nullInputStream()) {
            Session session = sessionFactory.create(noInput, printStream, printStream);
            try {
                Object result = session.execute(command);
                if (result != null) {
                    session.getConsole().println(result);
                }
            } catch (Exception e) {
                throw new AssertionError("'" + command + "' failed: " + e + "\n" + output.toString(StandardCharsets.UTF_8), e);
            } finally {
                session.close();
            }
            printStream.flush();
            String printed = output.toString(StandardCharsets.UTF_8);
            // into the test's output file (failsafe-reports/*-output.txt), for whoever reads a failure
            System.out.println("karaf@root()> " + command + System.lineSeparator() + printed);
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- waiting ---------------------------------------------------------------------------

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(String what, Condition condition) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        Exception lastError = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.holds()) {
                    return;
                }
                lastError = null;
            } catch (Exception e) {
                lastError = e;
            }
            pause();
        }
        throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what, lastError);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Filter filter(Class<?> type, String extra) {
        String objectClass = "(objectClass=" + type.getName() + ")";
        try {
            return FrameworkUtil.createFilter(extra == null ? objectClass : "(&" + objectClass + extra + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(extra, e);
        }
    }
}
