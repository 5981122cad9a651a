/**
 * The service provider interface one accounting system implements: {@link
 * io.fieldsync.accounting.api.spi.AccountingProvider}, registered as an OSGi service with the
 * {@value io.fieldsync.accounting.api.spi.AccountingProvider#PROVIDER_PROPERTY} property, and the
 * values that cross it. The engine and the providers meet only here, through the service registry.
 */
@Export
@Version("2.0.0")
package io.fieldsync.accounting.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
