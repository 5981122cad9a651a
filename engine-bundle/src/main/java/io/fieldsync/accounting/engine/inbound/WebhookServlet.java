package io.fieldsync.accounting.engine.inbound;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.WebhookDelivery;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /accounting/webhooks/<provider>}: the signature is checked by the provider on the raw
 * bytes; a bad one gets 401 with no body, a good one 200 with no body at once (Xero wants an answer
 * within 5 seconds, QuickBooks within 3), and the events are handled afterwards.
 *
 * <p>Nothing is read from a request that cannot be a delivery: one without the provider's signature header is
 * refused (401) and one that declares a body above the limit is refused (413) before the body is touched; the
 * body is then read up to the limit only.
 *
 * <p>A signed delivery we cannot read is acknowledged too (and logged): Intuit retries a refused
 * delivery for days and holds back every later one meanwhile, and resending the same bytes cannot
 * make them readable ("never return 400 for per-event processing errors", api-facts §7.2). The same holds for
 * a provider that breaks on a delivery: never a 500. Providers read deliveries event by event, so one bad event
 * costs only itself. The polling backstop catches what such a delivery announced.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + WebhookServlet.PATH + "/*",
        "osgi.http.whiteboard.servlet.name=accounting-webhooks"})
public class WebhookServlet extends HttpServlet {

    static final String PATH = "/accounting/webhooks";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServlet.class);
    /** Xero's and Intuit's deliveries are far smaller; anything bigger is not theirs. */
    private static final int MAX_BODY = 1_048_576;

    private final transient ProviderDirectory directory;
    private final transient RemoteUpdates updates;

    @Activate
    public WebhookServlet(@Reference ProviderDirectory directory, @Reference RemoteUpdates updates) {
        this.directory = directory;
        this.updates = updates;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String providerId = Optional.ofNullable(request.getPathInfo()).map(path -> path.replaceAll("^/+|/+$", "")).orElse("");
        Optional<ActiveProvider> active = directory.provider(providerId);
        if (active.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no accounting provider '" + providerId + "' is installed");
            return;
        }
        AccountingProvider provider = active.get().provider();
        Optional<String> signatureHeader = provider.webhooks().signatureHeader();
        if (signatureHeader.isPresent() && isBlank(request.getHeader(signatureHeader.get()))) {
            LOG.warn("Refused a {} webhook without its {} header from {}", providerId, signatureHeader.get(), request.getRemoteAddr());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            LOG.warn("Refused a {} webhook of {} bytes from {}: deliveries are far smaller", providerId, request.getContentLengthLong(),
                    request.getRemoteAddr());
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            LOG.warn("Refused a {} webhook longer than {} bytes from {}", providerId, MAX_BODY, request.getRemoteAddr());
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        WebhookDelivery delivery = new WebhookDelivery(headers(request), body);
        if (!provider.webhooks().verify(delivery)) {
            LOG.warn("Refused a {} webhook with a bad signature from {}", providerId, request.getRemoteAddr());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        List<RemoteEvent> events;
        try {
            events = provider.webhooks().parse(delivery);
        } catch (AccountingException malformed) {
            LOG.warn("Acknowledged a signed {} webhook that could not be read (polling will catch up): {}", providerId,
                    malformed.getMessage());
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        } catch (RuntimeException broken) {
            LOG.error("Acknowledged a signed {} webhook the provider broke on (polling will catch up): {}", providerId, brief(broken));
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        if (!events.isEmpty()) {
            try {
                updates.accept(providerId, events);
            } catch (RuntimeException refused) {
                LOG.error("Could not queue {} events of a {} webhook (polling will catch up): {}", events.size(), providerId, brief(refused));
            }
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** What broke, without the payload a parser may quote at length. */
    private static String brief(RuntimeException broken) {
        String message = String.valueOf(broken.getMessage());
        return broken.getClass().getName() + ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }
}
