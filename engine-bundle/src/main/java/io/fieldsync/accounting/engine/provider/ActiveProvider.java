package io.fieldsync.accounting.engine.provider;

import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;

/**
 * The provider documents go to right now, captured for one unit of work: if the service goes away
 * meanwhile, the work finishes or fails against this object and the next unit sees the change.
 *
 * @param id the provider id
 * @param provider the service
 * @param descriptor what it declared when captured
 */
public record ActiveProvider(String id, AccountingProvider provider, ProviderDescriptor descriptor) {
}
