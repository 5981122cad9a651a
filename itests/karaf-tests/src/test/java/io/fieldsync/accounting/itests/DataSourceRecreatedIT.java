package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;

/**
 * The journal's DataSource re-created by pax-jdbc-config (what Karaf's fileinstall does right after
 * {@code feature:install accounting}, when it re-reads the {@code .cfg} the feature wrote) while the engine is active
 * and while it is activating: the engine ends with every component active on the new DataSource, one registration of
 * each store, {@code accounting:use} there, and the demo's documents synced against the sandbox.
 * <p>
 * SCR's lock timeout is cut to 1 s (Felix's default is 5 s) only to keep the test short: the engine's start is held
 * inside its first store's registration until the DataSource has been re-created, as a loaded machine's slow start
 * (more than 5 s with the whole feature starting beside it) was held in the failed run of {@code scripts/run-karaf}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataSourceRecreatedIT extends AccountingTestSupport {

    private static final String ENGINE_BSN = "io.fieldsync.accounting.engine";
    private static final String DATASOURCE = "(dataSourceName=accounting)";
    private static final int RE_CREATIONS = 6;
    private static final long LOCK_TIMEOUT_MILLISECONDS = 1000;
    private static final List<String> STORES = List.of("CompanyProviders", "Journal", "ProviderBindings", "JournalReports",
            "PaymentStates", "ConnectionStore", "LaneLeases", "SetupStore", "CustomerLinks", "SyncLogStore", "EngineIdentity");

    @Configuration
    public Option[] configuration() {
        String port = KarafOptions.freePort();
        String web = "http://localhost:" + port;
        return KarafOptions.join(KarafOptions.freshKaraf("accounting", "accounting-demo"), new Option[] {
                systemProperty("ds.lock.timeout.milliseconds").value(Long.toString(LOCK_TIMEOUT_MILLISECONDS)),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", port),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.cfg", "base.url", web + "/sandbox/xero"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.cfg", "redirect.uris", web + "/accounting/oauth/callback"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.cfg", "webhook.url", web + "/accounting/webhooks/xero")});
    }

    @Test
    public void theEngineEndsActiveOnTheNewDataSourceWhenItIsReCreatedWhileActiveAndWhileTheEngineIsActivating() throws Exception {
        awaitEveryEngineComponentActiveOnTheCurrentDataSource();

        // while active
        for (int round = 0; round < 3; round++) {
            reCreateTheDataSource(round);
        }
        awaitEveryEngineComponentActiveOnTheCurrentDataSource();

        // while activating, made certain: the DataSource is re-created from inside the engine's start, when it
        // publishes its first store, and that start goes on only once the new DataSource is there (or a bound passed)
        Bundle engine = engineBundle();
        int round = 3;
        for (int caught = 0; caught < 3; caught++, round++) {
            engine.stop();
            int thisRound = round;
            CountDownLatch reCreated = new CountDownLatch(1);
            AllServiceListener reCreateOnFirstStore = event -> {
                if (event.getType() == ServiceEvent.REGISTERED && reCreated.getCount() > 0) {
                    reCreated.countDown();
                    reCreateFromInsideTheEnginesStart(thisRound);
                }
            };
            bundleContext.addServiceListener(reCreateOnFirstStore,
                    "(objectClass=io.fieldsync.accounting.engine.store." + STORES.get(0) + ")");
            try {
                engine.start();
                await("the engine to publish its first store", () -> reCreated.getCount() == 0);
            } finally {
                bundleContext.removeServiceListener(reCreateOnFirstStore);
            }
            awaitEveryEngineComponentActiveOnTheCurrentDataSource();
        }
        // and with no hook: the engine started while pax-jdbc-config's own thread re-creates the DataSource
        for (int last = round + RE_CREATIONS; round < last; round++) {
            long before = dataSourceServiceId();
            engine.stop();
            requestReCreation(round);
            engine.start();
            awaitDataSourceReplacing(before, round);
            awaitEveryEngineComponentActiveOnTheCurrentDataSource();
        }

        String use = executeCommand("accounting:use --company datasource-race xero");
        assertThat(use).contains("Accounting provider of datasource-race: xero");
        String demo = executeCommand("accounting:demo --company datasource-race --timeout 300");
        assertThat(demo).contains("INVOICE          : SYNCED 100").contains("PAYMENT          : SYNCED 40")
                .contains("CREDIT_NOTE      : SYNCED 5");
    }

    /**
     * Updates the factory configuration pax-jdbc-config makes the DataSource from (a harmless change of the pool's
     * size, as any update does), and waits until the DataSource service it re-created is there.
     */
    private void reCreateTheDataSource(int round) throws Exception {
        long before = dataSourceServiceId();
        requestReCreation(round);
        awaitDataSourceReplacing(before, round);
    }

    /**
     * Runs in the thread publishing the engine's first store: asks for a new DataSource and waits until it is there,
     * or for twice SCR's lock timeout, whichever comes first (an engine that holds up the old DataSource's withdrawal
     * until its start is over cannot see the new one from inside that start).
     */
    private void reCreateFromInsideTheEnginesStart(int round) {
        try {
            long before = dataSourceServiceId();
            requestReCreation(round);
            long deadline = System.nanoTime() + 2 * LOCK_TIMEOUT_MILLISECONDS * 1_000_000L;
            while (System.nanoTime() < deadline) {
                long now = dataSourceServiceId();
                if (now != 0 && now != before) {
                    return;
                }
                Thread.onSpinWait();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Config Admin delivers the update to pax-jdbc-config on its own thread: this returns before the re-creation. */
    private void requestReCreation(int round) throws Exception {
        org.osgi.service.cm.Configuration[] configurations = service(ConfigurationAdmin.class)
                .listConfigurations("(&(service.factoryPid=org.ops4j.datasource)" + DATASOURCE + ")");
        assertThat(configurations).as("the journal's DataSource configuration").hasSize(1);
        Dictionary<String, Object> properties = configurations[0].getProperties();
        properties.put("pool.maxTotal", Integer.toString(8 + round % 2));
        configurations[0].update(properties);
    }

    private void awaitDataSourceReplacing(long before, int round) {
        await("the DataSource re-created (round " + round + ")", () -> {
            long now = dataSourceServiceId();
            return now != 0 && now != before;
        });
    }

    private long dataSourceServiceId() throws Exception {
        Collection<ServiceReference<DataSource>> references = bundleContext.getServiceReferences(DataSource.class, DATASOURCE);
        return references.isEmpty() ? 0 : (Long) references.iterator().next().getProperty(Constants.SERVICE_ID);
    }

    private void awaitEveryEngineComponentActiveOnTheCurrentDataSource() {
        List<String> problems = new ArrayList<>();
        try {
            await("every engine component active on the current DataSource", () -> {
                problems.clear();
                problems.addAll(engineComponentProblems());
                return problems.isEmpty();
            });
        } catch (AssertionError e) {
            // Pax Exam reports the innermost AssertionError's message: the problems go into this one's, without a cause
            throw new AssertionError(e.getMessage() + ": " + problems);
        }
    }

    /** Components of the engine not active (or, for a delayed service, not satisfied), and a DataSource bound that is gone. */
    private List<String> engineComponentProblems() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        long dataSource = dataSourceServiceId();
        List<String> problems = new ArrayList<>();
        Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs(engineBundle());
        if (descriptions.isEmpty()) {
            problems.add("no component of the engine");
        }
        for (ComponentDescriptionDTO description : descriptions) {
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty() && !"require".equals(description.configurationPolicy)) {
                problems.add(description.name + " has no configuration");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                boolean running = configuration.state == ComponentConfigurationDTO.ACTIVE
                        || (configuration.state == ComponentConfigurationDTO.SATISFIED && !description.immediate);
                if (!running) {
                    problems.add(description.name + " " + stateName(configuration.state)
                            + (configuration.failure == null ? "" : " " + configuration.failure.lines().findFirst().orElse("")));
                }
                for (SatisfiedReferenceDTO reference : configuration.satisfiedReferences) {
                    if (reference.target != null && reference.target.contains("dataSourceName=accounting")
                            && Arrays.stream(reference.boundServices).noneMatch(bound -> bound.id == dataSource)) {
                        problems.add(description.name + " bound to a DataSource that is gone");
                    }
                }
            }
        }
        for (String store : STORES) {
            ServiceReference<?>[] registered = bundleContext.getAllServiceReferences("io.fieldsync.accounting.engine.store." + store, null);
            int count = registered == null ? 0 : registered.length;
            if (count != 1) {
                problems.add(store + " registered " + count + " times");
            }
        }
        return problems;
    }

    private static String stateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "state " + state;
        };
    }

    private Bundle engineBundle() {
        return Arrays.stream(bundleContext.getBundles()).filter(bundle -> ENGINE_BSN.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("the engine bundle is not installed"));
    }
}
