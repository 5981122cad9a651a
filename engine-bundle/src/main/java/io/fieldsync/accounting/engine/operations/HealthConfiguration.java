package io.fieldsync.accounting.engine.operations;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The health check's thresholds, PID {@value #PID} (etc/io.fieldsync.accounting.health.cfg). */
@ObjectClassDefinition(id = HealthConfiguration.PID, name = "FieldSync Accounting health check")
public @interface HealthConfiguration {

    String PID = "io.fieldsync.accounting.health";

    @AttributeDefinition(name = "Stuck lane after (s)", description = "A lane (company x accounting system) with documents due "
            + "that got no turn on this node for longer than this is reported stuck (CRITICAL). Turns come every few seconds "
            + "while work is due; a lane paused by a rate limit is not stuck.", min = "10")
    long lane_stuck_after_s() default 300;
}
