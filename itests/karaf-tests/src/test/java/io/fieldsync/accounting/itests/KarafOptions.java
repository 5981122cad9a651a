package io.fieldsync.accounting.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.KarafDistributionBaseConfigurationOption;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;

/**
 * How the tests start Karaf: the real {@code apache-karaf} tar.gz, free ports, our bundles from the
 * build's local Maven repository, and two test provider instances ({@code alpha}, {@code beta}).
 * Runs in the test JVM only (Pax Exam calls it from {@code @Configuration} methods).
 */
final class KarafOptions {

    private static final String GROUP_ID = "io.fieldsync.accounting";
    private static final String CENTRAL = "https://repo1.maven.org/maven2@id=central";

    private KarafOptions() {
    }

    /**
     * A fresh Karaf with {@code features} of our repository installed at boot, deleted after the test
     * class unless {@code -Ditest.keep.karaf=true} (to read its {@code data/log/karaf.log}).
     */
    static Option[] freshKaraf(String... features) {
        return join(options(distribution(), when(Boolean.getBoolean("itest.keep.karaf")).useOptions(keepRuntimeFolder())),
                ours(features), common());
    }

    /**
     * Like {@link #freshKaraf}, unpacked to {@code home} and kept after the test class, so that
     * {@link #existingKaraf(File)} can start it again.
     */
    static Option[] keptKaraf(File home, String... features) {
        deleteEarlierRuns(home);
        return join(options(distribution().unpackDirectory(home.getParentFile()).directoryNameFormat("'" + home.getName() + "'"),
                keepRuntimeFolder()), ours(features), common());
    }

    /**
     * Starts the Karaf in {@code home} again, with its data (bundle cache, configuration, journal) as
     * it was left. Pax Exam builds every class's configuration up front, so {@code home} need not
     * exist yet.
     */
    static Option[] existingKaraf(File home) {
        return join(options(karafDistributionConfiguration().existing(home).useDeployFolder(false)), common());
    }

    /** A folder under the build directory for one Karaf installation, unique to this test run. */
    static File runtimeFolder(String name) {
        return new File(karafFolder(), name + "-" + System.currentTimeMillis());
    }

    private static File karafFolder() {
        return new File(property("itest.build.directory"), "karaf");
    }

    /** Kept installations of earlier runs (same name before the time stamp) only fill the disk. */
    private static void deleteEarlierRuns(File home) {
        String prefix = home.getName().substring(0, home.getName().lastIndexOf('-') + 1);
        File[] earlier = home.getParentFile().listFiles(file -> file.getName().startsWith(prefix) && !file.equals(home));
        for (File folder : earlier == null ? new File[0] : earlier) {
            try (Stream<Path> paths = Files.walk(folder.toPath())) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + folder, e);
            }
        }
    }

    private static KarafDistributionBaseConfigurationOption distribution() {
        MavenArtifactUrlReference karaf = maven().groupId("org.apache.karaf").artifactId("apache-karaf")
                .version(property("itest.karaf.version")).type("tar.gz");
        return karafDistributionConfiguration().frameworkUrl(karaf).name("Apache Karaf")
                .unpackDirectory(karafFolder())
                .useDeployFolder(false);
    }

    /** Our features repository with {@code features} installed at boot, and the test provider bundle. */
    private static Option[] ours(String... features) {
        String version = property("itest.project.version");
        return options(KarafDistributionOption.features(maven().groupId(GROUP_ID).artifactId("accounting-features")
                        .version(version).classifier("features").type("xml"), features),
                mavenBundle(GROUP_ID, "accounting-itest-provider", version));
    }

    private static Option[] common() {
        String localRepository = property("itest.local.repository");
        return options(
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                // STACK trap 8: never the default ports, so that parallel runs or a running Karaf do not collide
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                // (this file then exists before any pax-web feature could write its defaults; pax-web
                // runs without them, which is what Karaf's own itests do too)
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", freePort()),
                // STACK trap 3: our snapshots come from the build's local repository, the rest from Central only
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepository),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", CENTRAL),
                editConfigurationFilePut("etc/io.fieldsync.accounting.testprovider-alpha.cfg", "id", "alpha"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.testprovider-beta.cfg", "id", "beta"),
                // @Inject waits this long for a service (the engine waits for its DataSource)
                systemProperty("pax.exam.service.timeout").value("60000"),
                mavenBundle("net.bytebuddy", "byte-buddy", property("itest.byte-buddy.version")),
                mavenBundle("org.assertj", "assertj-core", property("itest.assertj.version")));
    }

    /**
     * The demo wiring on a known HTTP port: the sandbox inside Karaf and the Xero provider calling it,
     * with every URL on that port (the features' defaults assume 8181).
     */
    static Option[] xeroSandboxOn(String httpPort) {
        String web = "http://localhost:" + httpPort;
        return options(
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.cfg", "base.url", web + "/sandbox/xero"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.cfg", "redirect.uris", web + "/accounting/oauth/callback"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.cfg", "webhook.url", web + "/accounting/webhooks/xero"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.xero.cfg", "client.id", "fieldsync-demo"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.xero.cfg", "client.secret", "fieldsync-demo-secret"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.xero.cfg", "webhook.key",
                        "ZmllbGRzeW5jLWRlbW8td2ViaG9vay1rZXk6IGEgc2FuZGJveCBrZXksIG5ldmVyIGEgcmVhbCBvbmU="),
                editConfigurationFilePut("etc/io.fieldsync.accounting.xero.cfg", "redirect.uri", web + "/accounting/oauth/callback"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.xero.cfg", "authorize.url",
                        web + "/sandbox/xero/login/identity/connect/authorize"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.xero.cfg", "identity.url", web + "/sandbox/xero/identity"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.xero.cfg", "api.url", web + "/sandbox/xero"));
    }

    /** The QuickBooks sandbox and provider on the same port as {@link #xeroSandboxOn(String)}. */
    static Option[] quickBooksSandboxOn(String httpPort) {
        String web = "http://localhost:" + httpPort;
        String sandboxPid = "etc/io.fieldsync.accounting.sandbox.qbo.cfg";
        String providerPid = "etc/io.fieldsync.accounting.quickbooks.cfg";
        return options(
                editConfigurationFilePut(sandboxPid, "base.url", web + "/sandbox/qbo"),
                editConfigurationFilePut(sandboxPid, "redirect.uris", web + "/accounting/oauth/callback"),
                editConfigurationFilePut(sandboxPid, "webhook.url", web + "/accounting/webhooks/quickbooks"),
                editConfigurationFilePut(providerPid, "client.id", "fieldsync-qbo-demo-client"),
                editConfigurationFilePut(providerPid, "client.secret", "qbo-sandbox-secret-not-a-real-one"),
                editConfigurationFilePut(providerPid, "webhook.verifier.token", "ZmllbGRzeW5jLXFiby1kZW1vLXZlcmlmaWVyOiBzYW5kYm94IG9ubHk="),
                editConfigurationFilePut(providerPid, "redirect.uri", web + "/accounting/oauth/callback"),
                editConfigurationFilePut(providerPid, "authorize.url", web + "/sandbox/qbo/connect/oauth2"),
                editConfigurationFilePut(providerPid, "token.url", web + "/sandbox/qbo/oauth2/v1/tokens/bearer"),
                editConfigurationFilePut(providerPid, "revocation.url", web + "/sandbox/qbo/v2/oauth2/tokens/revoke"),
                editConfigurationFilePut(providerPid, "api.url", web + "/sandbox/qbo"));
    }

    /** A free TCP port on this machine, as text. */
    static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the tests through Maven (failsafe)");
        }
        return value;
    }

    static Option[] join(Option[]... groups) {
        List<Option> all = new ArrayList<>();
        for (Option[] group : groups) {
            all.addAll(Arrays.asList(group));
        }
        return all.toArray(new Option[0]);
    }
}
