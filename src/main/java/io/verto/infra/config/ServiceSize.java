package io.verto.infra.config;

import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Resources;

import java.util.Objects;

/**
 * A service's container size as its catalogue entry states it: the limits every stack runs unless
 * {@code containers.<service>.*} says otherwise, with requests at half of them. The settings section
 * {@link WorkloadSettings} declares those four settings for each service it is given.
 *
 * @param service the service's name, e.g. {@code frontend}
 * @param cpu     its CPU limit
 * @param memory  its memory limit
 * @param source  where the size comes from, for the settings reference (e.g. {@code design 5.4})
 */
public record ServiceSize(String service, Cpu cpu, Memory memory, String source) {
    public ServiceSize {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(source, "source");
        if (cpu.millis() == 0 || memory.bytes() == 0) {
            throw new IllegalArgumentException("service " + service + ": a zero limit would stop its container");
        }
    }

    /** The size's requests and limits: requests at half the limits. */
    public Resources resources() {
        return Resources.halfRequested(cpu, memory);
    }
}
