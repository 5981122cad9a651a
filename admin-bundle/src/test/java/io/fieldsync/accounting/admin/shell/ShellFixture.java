package io.fieldsync.accounting.admin.shell;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/**
 * The commands over a real engine (H2 journal, scripted providers), the console's two streams captured, and a console
 * time that moves the engine's clock instead of waiting.
 */
final class ShellFixture implements AutoCloseable {

    static final CompanyId ACME = CompanyId.of("acme");

    final TestEngine engine;
    final ChartOfAccounts xero;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outBefore = System.out;
    private final PrintStream errBefore = System.err;

    ShellFixture(Path keys) {
        engine = new TestEngine(keys, "xero");
        xero = (ChartOfAccounts) engine.install(new ChartOfAccounts("xero"));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** What the commands printed on the error stream, without the engine's log lines (slf4j-simple writes there too). */
    List<String> errors() {
        return err().lines().filter(line -> !line.startsWith("[")).toList();
    }

    /** A console time that moves the engine's clock by each pause and then lets {@code meanwhile} happen. */
    SteppedTime time(Runnable meanwhile) {
        return new SteppedTime(meanwhile);
    }

    final class SteppedTime implements ConsoleTime {
        private final Runnable meanwhile;
        final List<Duration> pauses = new ArrayList<>();

        SteppedTime(Runnable meanwhile) {
            this.meanwhile = meanwhile;
        }

        @Override
        public Instant now() {
            return engine.clock.instant();
        }

        @Override
        public void pause(Duration duration) {
            pauses.add(duration);
            engine.clock.advance(duration);
            meanwhile.run();
        }
    }

    /** A scripted accounting system with a chart of accounts, tax rates and items to map to. */
    static final class ChartOfAccounts extends ScriptedProvider {
        ChartOfAccounts(String id) {
            super(id);
        }

        @Override
        public ReferenceData referenceData(ProviderSession session) {
            List<RemoteAccount> accounts = new ArrayList<>();
            for (String code : List.of("200", "210", "220", "260", "230")) {
                accounts.add(new RemoteAccount("id-" + code, code, "Sales " + code, AccountType.REVENUE, true, false));
            }
            accounts.add(new RemoteAccount("id-299", "299", "Old sales", AccountType.REVENUE, false, false));
            accounts.add(new RemoteAccount("id-090", "090", "Business Bank", AccountType.BANK, true, true));
            accounts.add(new RemoteAccount("id-091", "091", "Card clearing", AccountType.BANK, true, true));
            accounts.add(new RemoteAccount("id-820", "820", "GST", AccountType.LIABILITY, true, false));
            return new ReferenceData("Demo Plumbing Ltd", accounts,
                    List.of(new RemoteTaxRate("OUTPUT2", "GST on Income", new BigDecimal("15.00"), true, true),
                            new RemoteTaxRate("INPUT2", "GST on Expenses", new BigDecimal("15.00"), true, false),
                            new RemoteTaxRate("ZERORATEDOUTPUT", "Zero Rated Income", BigDecimal.ZERO, true, true)),
                    List.of(new RemoteItem("item-1", "LAB", "Labour hour", true), new RemoteItem("item-2", "OLD", "Retired", false)),
                    clock.instant());
        }
    }

    @Override
    public void close() throws Exception {
        System.setOut(outBefore);
        System.setErr(errBefore);
        engine.close();
    }
}
