package io.fieldsync.accounting.sandbox.xero.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the sandbox's main classes (target/classes) itself and refuses the packages a framework may not offer, as a
 * bundle's class loader in Karaf refuses com.sun.net.httpserver (the system bundle does not export it). Everything
 * else, test classes included, comes from the test's class path, so the servlet API and the OSGi types are shared.
 * Records which sandbox classes it had to define and which refused packages were asked for.
 */
final class IsolatedSandboxLoader extends ClassLoader {

    private static final String SANDBOX = "io.fieldsync.accounting.sandbox.";

    private final List<String> hiddenPackages;
    private final Set<String> defined = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    IsolatedSandboxLoader(String... hiddenPackages) {
        super(IsolatedSandboxLoader.class.getClassLoader());
        this.hiddenPackages = List.of(hiddenPackages);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hiddenPackages.stream().anyMatch(p -> name.startsWith(p + "."))) {
            refused.add(name);
            throw new ClassNotFoundException(name + " is hidden, as in a framework that does not export it");
        }
        if (name.startsWith(SANDBOX)) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = defineMainClass(name);
                }
                if (c != null) {
                    if (resolve) {
                        resolveClass(c);
                    }
                    return c;
                }
            }
        }
        return super.loadClass(name, resolve);
    }

    /** Defines {@code name} here if it is a main (not a test) class; null otherwise. */
    private Class<?> defineMainClass(String name) {
        URL url = getParent().getResource(name.replace('.', '/') + ".class");
        if (url == null || url.toString().contains("/test-classes/")) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            Class<?> c = defineClass(name, bytes, 0, bytes.length);
            defined.add(name);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> defined() {
        return Set.copyOf(defined);
    }

    Set<String> refused() {
        return Set.copyOf(refused);
    }
}
