/**
 * What the host sees: the domain records it hands over (invoices, credit notes, payments,
 * customers), the {@link io.fieldsync.accounting.api.AccountingSync} service it calls, the
 * {@link io.fieldsync.accounting.api.AccountingListener} whiteboard it is told through, and the
 * typed errors both sides speak.
 */
@Export
@Version("2.1.0")
package io.fieldsync.accounting.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
