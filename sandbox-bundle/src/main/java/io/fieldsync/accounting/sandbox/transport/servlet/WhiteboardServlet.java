package io.fieldsync.accounting.sandbox.transport.servlet;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.fieldsync.accounting.sandbox.transport.CallTransport;

/**
 * A sandbox served by the OSGi HTTP whiteboard at {@code <mount>/*}. The servlet is registered by class name, so
 * this class loads without javax.servlet; where that API is missing the sandbox still runs for itests, unreachable
 * over HTTP, and the log says why.
 */
public final class WhiteboardServlet {

    static final String PATTERN = "osgi.http.whiteboard.servlet.pattern";
    static final String NAME = "osgi.http.whiteboard.servlet.name";

    private static final System.Logger LOG = System.getLogger(WhiteboardServlet.class.getName());

    private WhiteboardServlet() {
    }

    /** "/sandbox/xero" for "sandbox/xero/", "" for "/" (the whole HTTP space). */
    public static String mountPath(String configured) {
        String p = configured == null ? "" : configured.strip();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /**
     * Registers a servlet named {@code name} at {@code mount}{@code /*} that hands every request to {@code handler}.
     *
     * @param label the sandbox, as the log names it
     * @return the registration, or null when javax.servlet is not available
     */
    public static ServiceRegistration<?> register(BundleContext context, String mount, String name, Consumer<CallTransport> handler,
                                                  String label) {
        Object servlet;
        try {
            servlet = new SandboxServlet(handler);
        } catch (NoClassDefFoundError noServletApi) {
            LOG.log(System.Logger.Level.ERROR, label + ": javax.servlet is not available, so the sandbox is not served over "
                    + "HTTP. Install an HTTP whiteboard (Karaf feature http-whiteboard); the accounting-sandbox feature brings it.");
            return null;
        }
        Dictionary<String, Object> props = properties(PATTERN, mount + "/*");
        props.put(NAME, name);
        return context.registerService("javax.servlet.Servlet", servlet, props);
    }

    /** One service property. */
    public static Dictionary<String, Object> properties(String key, Object value) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(key, value);
        return props;
    }
}
