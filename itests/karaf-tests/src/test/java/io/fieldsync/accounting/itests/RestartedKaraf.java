package io.fieldsync.accounting.itests;

import java.io.File;

/**
 * The one Karaf installation that {@link KarafRestartIT} starts twice. Test JVM only: the folder is
 * chosen once per run, when the first boot's configuration asks for it.
 */
final class RestartedKaraf {

    static final File HOME = KarafOptions.runtimeFolder("restarted");

    private RestartedKaraf() {
    }
}
