package io.fieldsync.accounting.bench.chaos;

import java.util.List;

/** How the run starts its child JVMs: the same Java as its own, small and single-threaded-GC (2 cores are shared). */
final class ChildJvm {

    static final List<String> OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");

    private ChildJvm() {
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
