/**
 * The service provider interface one accounting system implements: {@link
 * io.fieldsync.accounting.api.spi.AccountingProvider}, registered as an OSGi service with the
 * {@value io.fieldsync.accounting.api.spi.AccountingProvider#PROVIDER_PROPERTY} property, and the
 * values that cross it. The engine and the providers meet only here, through the service registry. A provider is
 * four facets behind {@link io.fieldsync.accounting.api.spi.AccountingProvider}: its
 * {@link io.fieldsync.accounting.api.spi.ProviderAuthorization authorization}, the
 * {@link io.fieldsync.accounting.api.spi.ProviderDocuments documents} it writes, the
 * {@link io.fieldsync.accounting.api.spi.ProviderLedger ledger} it reads and its
 * {@link io.fieldsync.accounting.api.spi.ProviderWebhooks webhooks}.
 *
 * <p>2.0.0: the provider split into those facets; webhook events typed by enums; mappings resolved by the engine
 * (pushes carry each line's account, tax rates and item, and the settings that shape the payload).
 *
 * <p>2.1.0: {@link io.fieldsync.accounting.api.spi.ProviderSession#recordBatch} and
 * {@link io.fieldsync.accounting.api.spi.ProviderLimits#batchRequestsPerMinute()}, so that a vendor that meters each
 * item of a batch (QuickBooks) is paced by what it counts; a
 * {@link io.fieldsync.accounting.api.spi.CreditNotePush} carries its invoice's currency and how it was sent (draft or
 * approved), so a provider need not read the invoice before crediting it;
 * {@link io.fieldsync.accounting.api.spi.AccountingProvider#nonVendorEndpoints()};
 * {@link io.fieldsync.accounting.api.spi.AccountingProvider#configurationProblems()}, so that a provider whose secrets
 * cannot be read (a Jasypt ENC(...) value without its encryptor) says so before a connect is refused, with
 * {@link io.fieldsync.accounting.api.spi.ConfiguredSecrets} reading such values the same way in every provider; and
 * {@link io.fieldsync.accounting.api.spi.VendorSimulator}, a running sandbox offering an unconfigured provider its
 * endpoints and demo app, so that a demo writes nothing into the provider's PID. A provider whose vendor takes writes
 * of different kinds in one request declares
 * {@link io.fieldsync.accounting.api.spi.ProviderCapability#SETTLEMENTS_IN_ONE_CALL} and gets a turn's credit notes and
 * payments together ({@link io.fieldsync.accounting.api.spi.ProviderDocuments#pushSettlements}, a default method: a
 * provider built against 2.0 neither declares nor implements it).
 */
@Export
@Version("2.1.0")
package io.fieldsync.accounting.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
