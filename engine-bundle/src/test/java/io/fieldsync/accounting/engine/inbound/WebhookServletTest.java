package io.fieldsync.accounting.engine.inbound;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** The webhook endpoint as the accounting systems meet it: status codes decide whether they retry. */
class WebhookServletTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider quickbooks;
    private WebhookServlet servlet;

    @BeforeEach
    void syncOneInvoice() {
        engine = new TestEngine(keys, "quickbooks");
        quickbooks = engine.install(new ScriptedProvider("quickbooks"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        engine.drain();
        servlet = new WebhookServlet(engine.directory, engine.remoteUpdates);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aSignedDeliveryIsAcknowledgedAndItsInvoiceEventBringsThePaymentStateBack() throws IOException {
        String remoteId = "quickbooks-inv-I-1";
        quickbooks.remoteInvoices.put(remoteId, new RemoteInvoiceState(remoteId, "INV-I-1", new RemotePaymentState(PaymentState.PAID,
                new BigDecimal("250.00"), BigDecimal.ZERO, BigDecimal.ZERO, LocalDate.of(2026, 11, 20), engine.clock.instant())));

        int status = post("/quickbooks", "good", "tenant-1,INVOICE," + remoteId + ",UPDATE");
        engine.remoteUpdates.settle();
        engine.notifier.flush();

        assertThat(status).isEqualTo(HttpServletResponse.SC_OK);
        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().paymentState().state()).isEqualTo(PaymentState.PAID);
    }

    @Test
    void aBadSignatureIsRefusedWith401SoNothingForgedIsActedOn() throws IOException {
        assertThat(post("/quickbooks", "forged", "tenant-1,INVOICE,x,UPDATE")).isEqualTo(HttpServletResponse.SC_UNAUTHORIZED);
        assertThat(post("/quickbooks", null, "tenant-1,INVOICE,x,UPDATE")).isEqualTo(HttpServletResponse.SC_UNAUTHORIZED);
    }

    @Test
    void aSignedButUnreadableDeliveryIsAcknowledgedSoTheSenderDoesNotHoldBackLaterOnes() throws IOException {
        assertThat(post("/quickbooks", "good", "{not an event")).isEqualTo(HttpServletResponse.SC_OK);
    }

    @Test
    void aDeliveryForAProviderThatIsNotInstalledIsNotFound() throws IOException {
        assertThat(post("/sage", "good", "tenant-1,INVOICE,x,UPDATE")).isEqualTo(HttpServletResponse.SC_NOT_FOUND);
    }

    @Test
    void aRequestWithoutTheProvidersSignatureHeaderIsRefusedWith401BeforeItsBodyIsRead() throws IOException {
        FakeRequest request = new FakeRequest("/quickbooks", null, "tenant-1,INVOICE,x,UPDATE".getBytes(StandardCharsets.UTF_8));

        assertThat(send(request)).isEqualTo(HttpServletResponse.SC_UNAUTHORIZED);
        assertThat(request.bodyRead).isFalse();
    }

    @Test
    void aDeclaredBodyAboveTheLimitIsRefusedWith413BeforeItIsRead() throws IOException {
        FakeRequest request = new FakeRequest("/quickbooks", "good", "tenant-1,INVOICE,x,UPDATE".getBytes(StandardCharsets.UTF_8));
        request.declaredLength = 2L * 1024 * 1024;

        assertThat(send(request)).isEqualTo(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        assertThat(request.bodyRead).isFalse();
    }

    @Test
    void aBodyLongerThanTheLimitWithoutALengthIsRefusedWith413AfterReadingNoMoreThanTheLimit() throws IOException {
        FakeRequest request = new FakeRequest("/quickbooks", "good", new byte[3 * 1024 * 1024]);

        assertThat(send(request)).isEqualTo(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        assertThat(request.input.consumed()).isLessThanOrEqualTo(1024 * 1024 + 1);
    }

    @Test
    void aMalformedEventDoesNotCostTheOtherEventsOfItsDelivery() throws IOException {
        String remoteId = "quickbooks-inv-I-1";
        quickbooks.remoteInvoices.put(remoteId, new RemoteInvoiceState(remoteId, "INV-I-1", new RemotePaymentState(PaymentState.PAID,
                new BigDecimal("250.00"), BigDecimal.ZERO, BigDecimal.ZERO, LocalDate.of(2026, 11, 20), engine.clock.instant())));

        int status = post("/quickbooks", "good", "tenant-1,INVOICE,,\nnot an event at all\ntenant-1,INVOICE," + remoteId + ",UPDATE");
        engine.remoteUpdates.settle();

        assertThat(status).isEqualTo(HttpServletResponse.SC_OK);
        assertThat(engine.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().paymentState().state()).isEqualTo(PaymentState.PAID);
    }

    @Test
    void aProviderThatBreaksOnADeliveryGetsItAcknowledgedNeverA500SoTheSenderDoesNotHoldBackLaterOnes() throws IOException {
        quickbooks.parseBreaks = new java.time.format.DateTimeParseException("Text '2026-13-45T99:00' could not be parsed",
                "2026-13-45T99:00", 5);

        assertThat(post("/quickbooks", "good", "tenant-1,INVOICE,x,UPDATE")).isEqualTo(HttpServletResponse.SC_OK);
    }

    private int post(String pathInfo, String signature, String body) throws IOException {
        return send(new FakeRequest(pathInfo, signature, body.getBytes(StandardCharsets.UTF_8)));
    }

    private int send(FakeRequest request) throws IOException {
        AtomicInteger status = new AtomicInteger(HttpServletResponse.SC_OK);
        servlet.doPost(request.proxy(), response(status));
        return status.get();
    }

    /** A request as the servlet container hands it over; it notes whether its body was asked for. */
    private static final class FakeRequest {
        private final String pathInfo;
        private final Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final BodyStream input;
        /** The Content-Length sent, or -1 for a chunked request; the body's length unless a test says otherwise. */
        long declaredLength;
        boolean bodyRead;

        FakeRequest(String pathInfo, String signature, byte[] body) {
            this.pathInfo = pathInfo;
            this.input = new BodyStream(body);
            this.declaredLength = body.length > 1024 * 1024 ? -1 : body.length;
            headers.put("content-type", "application/cloudevents+json");
            if (signature != null) {
                headers.put(ScriptedProvider.SIGNATURE_HEADER, signature);
            }
        }

        HttpServletRequest proxy() {
            return (HttpServletRequest) Proxy.newProxyInstance(WebhookServletTest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getPathInfo" -> pathInfo;
                        case "getInputStream" -> {
                            bodyRead = true;
                            yield input;
                        }
                        case "getContentLengthLong" -> declaredLength;
                        case "getContentLength" -> declaredLength > Integer.MAX_VALUE ? -1 : (int) declaredLength;
                        case "getHeader" -> headers.get((String) args[0]);
                        case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                        case "getHeaders" -> Collections.enumeration(headers.containsKey((String) args[0])
                                ? List.of(headers.get((String) args[0])) : List.of());
                        case "getRemoteAddr" -> "127.0.0.1";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static HttpServletResponse response(AtomicInteger status) {
        return (HttpServletResponse) Proxy.newProxyInstance(WebhookServletTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus", "sendError" -> {
                        status.set((Integer) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final class BodyStream extends ServletInputStream {
        private final ByteArrayInputStream bytes;
        private final int length;

        BodyStream(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
            this.length = body.length;
        }

        int consumed() {
            return length - bytes.available();
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            return bytes.read(buffer, offset, count);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("blocking reads only");
        }
    }
}
