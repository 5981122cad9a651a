/**
 * What a test or a demo may do with a running Xero sandbox from outside it, for example a Pax Exam itest in the
 * same Karaf: {@link io.fieldsync.accounting.sandbox.xero.control.XeroSandboxControl}, registered as an OSGi
 * service by the sandbox's component, and the plain values it answers with. Everything else of the sandbox bundle
 * is private: it speaks to clients only through Xero's wire format.
 */
@Export
@Version("0.3.0")
package io.fieldsync.accounting.sandbox.xero.control;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
