package io.fieldsync.accounting.bench.chaos;

import io.fieldsync.accounting.demo.DemoRegion;

/** An accounting system the chaos run can aim at: its provider id, its sandbox, and where its demo company trades. */
enum ChaosProvider {

    /** Xero, against the sandbox's Demo Company (NZ): NZD, GST 15 %. */
    XERO("xero", "xero", DemoRegion.NEW_ZEALAND),
    /** QuickBooks Online, against the sandbox's demo company (AU): AUD, GST 10 %. */
    QUICKBOOKS("quickbooks", "qbo", DemoRegion.AUSTRALIA);

    private final String id;
    private final String sandbox;
    private final DemoRegion region;

    ChaosProvider(String id, String sandbox, DemoRegion region) {
        this.id = id;
        this.sandbox = sandbox;
        this.region = region;
    }

    /** The provider id, as {@code accounting.provider} and the run's output name it. */
    String id() {
        return id;
    }

    /** The standalone sandbox's {@code --provider} value. */
    String sandbox() {
        return sandbox;
    }

    DemoRegion region() {
        return region;
    }

    static ChaosProvider of(String id) {
        for (ChaosProvider provider : values()) {
            if (provider.id.equals(id)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("--provider takes xero, quickbooks or both, not " + id);
    }
}
