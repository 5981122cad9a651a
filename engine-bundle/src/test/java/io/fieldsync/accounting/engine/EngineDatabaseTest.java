package io.fieldsync.accounting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.fieldsync.accounting.engine.store.CompanyProviders;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.EngineIdentity;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalReports;
import io.fieldsync.accounting.engine.store.LaneLeases;
import io.fieldsync.accounting.engine.store.NodeId;
import io.fieldsync.accounting.engine.store.PaymentStates;
import io.fieldsync.accounting.engine.store.ProviderBindings;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.store.Stores;
import io.fieldsync.accounting.engine.store.SyncLogStore;

/** The component that migrates the schema and publishes the stores: the engine's "nothing runs on an old schema". */
class EngineDatabaseTest {

    @TempDir
    Path karafData;

    private final DataSource dataSource = TestEngine.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    /** What the framework was asked to register, with the schema version the database had at that moment. */
    private final List<Published> published = Collections.synchronizedList(new ArrayList<>());
    private final List<String> withdrawn = Collections.synchronizedList(new ArrayList<>());
    /** Runs inside the framework's registerService, as the activation of the store's users would. */
    private volatile Consumer<String> blockWhileRegistering = type -> { };
    /** The store whose registration the framework refuses, as it does once the bundle has stopped. */
    private volatile String refuseRegistrationOf;

    private record Published(String type, Object store, int schemaVersionThen) {
    }

    @Test
    void everyStoreIsPublishedOnlyOnceTheSchemaIsMigrated() {
        new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(), Configs.engine("none"), Runnable::run);

        int migrated = identity().schemaVersion();
        assertThat(migrated).isPositive();
        assertThat(published).isNotEmpty().allSatisfy(each ->
                assertThat(each.schemaVersionThen()).as(each.type()).isEqualTo(migrated));
    }

    @Test
    void eachStoreTheComponentsReferenceIsAServiceOfItsOwnType() {
        new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(), Configs.engine("none"), Runnable::run);

        assertThat(published).extracting(Published::type).containsExactlyInAnyOrder(Journal.class.getName(),
                CompanyProviders.class.getName(), ProviderBindings.class.getName(), JournalReports.class.getName(),
                PaymentStates.class.getName(), ConnectionStore.class.getName(), LaneLeases.class.getName(),
                SetupStore.class.getName(), CustomerLinks.class.getName(), SyncLogStore.class.getName(), EngineIdentity.class.getName());
        assertThat(published).allSatisfy(each -> assertThat(Class.forName(each.type()).isInstance(each.store())).isTrue());
    }

    @Test
    void everyStoreTheEnginesComponentsReferenceIsOneThatIsPublished() throws Exception {
        new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(), Configs.engine("none"), Runnable::run);
        Path descriptors = descriptors();
        Pattern storeReference = Pattern.compile("interface=\"(io\\.fieldsync\\.accounting\\.engine\\.store\\.\\w+)\"");

        List<String> referenced = new ArrayList<>();
        try (Stream<Path> files = Files.list(descriptors)) {
            for (Path file : files.filter(each -> each.toString().endsWith(".xml")).toList()) {
                storeReference.matcher(Files.readString(file)).results().forEach(match -> referenced.add(match.group(1)));
            }
        }

        assertThat(referenced).as("store references in the engine's component descriptions").isNotEmpty();
        assertThat(published).extracting(Published::type).containsAll(referenced);
    }

    @Test
    void theBundleDeclaresTheStoreServicesItRegistersByHandSoThatKarafsResolverAcceptsIt() throws Exception {
        Path manifest = descriptors().getParent().resolve("META-INF").resolve("MANIFEST.MF");
        String headers = Files.readString(manifest).replace("\r\n ", "").replace("\n ", "");

        List<String> required = Pattern.compile("\\(objectClass=(io\\.fieldsync\\.accounting\\.engine\\.store\\.\\w+)\\)")
                .matcher(headers).results().map(match -> match.group(1)).toList();
        List<String> provided = Pattern.compile("objectClass:List<String>=\"(io\\.fieldsync\\.accounting\\.engine\\.store\\.\\w+)\"")
                .matcher(headers).results().map(match -> match.group(1)).toList();

        assertThat(required).as("Require-Capability osgi.service of the stores").isNotEmpty();
        assertThat(provided).as("Provide-Capability osgi.service").containsAll(required);
    }

    @Test
    void theNodeIsTheOneConfiguredForThisKaraf() {
        new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(), nodeNamed("node-7"), Runnable::run);

        assertThat(identity().node()).isEqualTo(new NodeId("node-7"));
    }

    @Test
    void aDatabaseThatCannotBeMigratedPublishesNoStore() {
        FailingDataSource failing = new FailingDataSource(dataSource);
        failing.failNext(Integer.MAX_VALUE, "INSERT INTO schema_version");

        // opened on the publisher's thread, so the failure is logged there, not thrown into SCR
        new EngineDatabase(failing, new EngineClock(TestEngine.fixedClock()), bundleContext(), Configs.engine("none"), Runnable::run);

        assertThat(published).isEmpty();
    }

    @Test
    void deactivatingWithdrawsEveryStoreTheLastPublishedFirst() {
        EngineDatabase database = new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(),
                Configs.engine("none"), Runnable::run);

        database.deactivate();

        List<String> lastFirst = new ArrayList<>(published.stream().map(Published::type).toList());
        Collections.reverse(lastFirst);
        assertThat(withdrawn).containsExactlyElementsOf(lastFirst);
    }

    @Test
    void theTokenKeyLivesBesideKarafsDataWhereAnUninstallCannotWipeIt() {
        new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(), Configs.engine("none"), Runnable::run);

        assertThat(karafData.resolve("accounting").resolve("token.key")).exists();
    }

    @Test
    void theStoresSeeTheSameDatabaseAndInstallationAsTheComponent() {
        new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(), Configs.engine("none"), Runnable::run);

        Stores again = Stores.open(dataSource, karafData.resolve("accounting").resolve("token.key"), TestEngine.fixedClock());

        assertThat(again.identity()).isEqualTo(identity());
    }

    @Test
    void theActivationReturnsBeforeAnyStoreIsPublishedSoScrsLockIsFreeWhileTheComponentsStart() {
        List<Runnable> publishing = new ArrayList<>();

        new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(), Configs.engine("none"), publishing::add);

        assertThat(published).isEmpty();
        assertThat(publishing).hasSize(1);
        publishing.get(0).run();
        assertThat(published).hasSize(11);
    }

    @Test
    void aDeactivationBeforeThePublishingBeginsPublishesNoStoreAtAll() {
        List<Runnable> publishing = new ArrayList<>();
        EngineDatabase database = new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(),
                Configs.engine("none"), publishing::add);

        database.deactivate();
        publishing.get(0).run();

        assertThat(published).isEmpty();
        assertThat(withdrawn).isEmpty();
    }

    @Test
    void aDeactivationWhileTheDatabaseIsBeingOpenedNeedNotWaitAndNothingIsPublishedAfterIt() throws Exception {
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch deactivated = new CountDownLatch(1);
        DataSource slowToOpen = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if ("getConnection".equals(method.getName()) && opening.getCount() > 0) {
                        opening.countDown();
                        await(deactivated);
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<Runnable> publishing = new ArrayList<>();
        EngineDatabase database = new EngineDatabase(slowToOpen, new EngineClock(TestEngine.fixedClock()), bundleContext(),
                Configs.engine("none"), publishing::add);
        Thread publisher = new Thread(publishing.get(0), "publisher");
        publisher.start();
        opening.await();

        // SCR's thread: returns at once although the migration is under way (before, SCR waited here, then gave up)
        database.deactivate();
        deactivated.countDown();
        publisher.join();

        assertThat(published).isEmpty();
        assertThat(identityOf(dataSource)).as("the migration itself ran to its end").isPositive();
    }

    /** The schema version the database reached, read directly. */
    private static int identityOf(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void aDeactivationWhileAStoreIsBeingRegisteredWaitsForItAndThenLeavesNoStoreRegistered() throws Exception {
        CountDownLatch registeringJournal = new CountDownLatch(1);
        CountDownLatch journalMayFinish = new CountDownLatch(1);
        blockWhileRegistering = type -> {
            if (type.equals(Journal.class.getName())) {
                registeringJournal.countDown();
                await(journalMayFinish);
            }
        };
        List<Runnable> publishing = new ArrayList<>();
        EngineDatabase database = new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(),
                Configs.engine("none"), publishing::add);
        Thread publisher = new Thread(publishing.get(0), "publisher");
        publisher.start();
        registeringJournal.await();

        // the DataSource is withdrawn (pax-jdbc-config's thread) while the Journal's users are being activated
        Thread deactivator = new Thread(database::deactivate, "deactivator");
        deactivator.start();
        while (deactivator.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertThat(withdrawn).as("nothing withdrawn while a registration is under way").isEmpty();
        journalMayFinish.countDown();
        publisher.join();
        deactivator.join();

        assertThat(published).extracting(Published::type)
                .as("publishing stops at the store being registered when the deactivation came")
                .containsExactly(CompanyProviders.class.getName(), Journal.class.getName());
        assertThat(withdrawn).containsExactlyInAnyOrderElementsOf(published.stream().map(Published::type).toList());
    }

    @Test
    void aStoreWhoseRegistrationDeactivatedTheDatabaseOnTheSameThreadIsWithdrawnToo() {
        AtomicReference<EngineDatabase> database = new AtomicReference<>();
        // a component activated by the Journal's registration makes the DataSource go, all in the publishing thread
        blockWhileRegistering = type -> {
            if (type.equals(Journal.class.getName())) {
                database.get().deactivate();
            }
        };
        List<Runnable> publishing = new ArrayList<>();
        database.set(new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(),
                Configs.engine("none"), publishing::add));

        publishing.get(0).run();

        assertThat(published).extracting(Published::type)
                .containsExactly(CompanyProviders.class.getName(), Journal.class.getName());
        assertThat(withdrawn).containsExactly(CompanyProviders.class.getName(), Journal.class.getName());
    }

    @Test
    void aBundleStoppedWhilePublishingEndsThePublishingAndWithdrawsWhatWasPublished() {
        refuseRegistrationOf = JournalReports.class.getName();
        List<Runnable> publishing = new ArrayList<>();
        new EngineDatabase(dataSource, new EngineClock(TestEngine.fixedClock()), bundleContext(), Configs.engine("none"), publishing::add);

        publishing.get(0).run();

        assertThat(published).extracting(Published::type).containsExactly(CompanyProviders.class.getName(),
                Journal.class.getName(), ProviderBindings.class.getName());
        assertThat(withdrawn).containsExactly(ProviderBindings.class.getName(), Journal.class.getName(),
                CompanyProviders.class.getName());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The engine's configuration with its defaults, as Config Admin gives it with only {@code node.id} set. */
    private static EngineConfiguration nodeNamed(String node) {
        return (EngineConfiguration) Proxy.newProxyInstance(EngineDatabaseTest.class.getClassLoader(),
                new Class<?>[] {EngineConfiguration.class}, (proxy, method, args) ->
                        "node_id".equals(method.getName()) ? node : method.getDefaultValue());
    }

    /** Where bnd wrote the component descriptions of the engine bundle (beside its manifest). */
    private static Path descriptors() throws Exception {
        return Path.of(EngineDatabase.class.getResource("/OSGI-INF/" + EngineDatabase.class.getName() + ".xml").toURI()).getParent();
    }

    private EngineIdentity identity() {
        return published.stream().map(Published::store).filter(EngineIdentity.class::isInstance).map(EngineIdentity.class::cast)
                .findFirst().orElseThrow();
    }

    private BundleContext bundleContext() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> "karaf.data".equals(args[0]) ? karafData.toString() : null;
                    case "registerService" -> {
                        String type = args[0] instanceof Class<?> c ? c.getName() : (String) args[0];
                        if (type.equals(refuseRegistrationOf)) {
                            throw new IllegalStateException("Invalid BundleContext.");
                        }
                        published.add(new Published(type, args[1], schemaVersionNow()));
                        blockWhileRegistering.accept(type);
                        yield registration(type);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ServiceRegistration<?> registration(String type) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                (proxy, method, args) -> {
                    if ("unregister".equals(method.getName())) {
                        withdrawn.add(type);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The highest migration recorded, read beside the component; 0 before the schema table exists. */
    private int schemaVersionNow() {
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException noTableYet) {
            return 0;
        }
    }
}
