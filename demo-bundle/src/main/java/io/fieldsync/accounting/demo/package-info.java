/**
 * The demo host: {@link io.fieldsync.accounting.demo.DemoScenario} drives the public API as a
 * field-service platform would; the integration tests run the same scenario and check the ledger.
 */
@Export
@Version("0.1.0")
package io.fieldsync.accounting.demo;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
