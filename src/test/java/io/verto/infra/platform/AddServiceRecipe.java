package io.verto.infra.platform;

import io.verto.infra.kubernetes.workload.EnvVars;
import io.verto.infra.kubernetes.workload.HttpProbe;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Port;
import io.verto.infra.types.ResourceBounds;

/**
 * README.md's "add a service" recipe, compiled: the text between the recipe markers is what README.md shows
 * (AddServiceTest fails when they differ), and AddServiceTest runs it through the program.
 */
final class AddServiceRecipe {
    private AddServiceRecipe() { }

    static ServiceCatalogue catalogue() {
        // recipe:begin
        ServiceEntry worker = VertoApplication.nodeService("worker", Port.tcp(3002))
                .probes(HttpProbe.of("/health", 30, 10), HttpProbe.of("/ready", 5, 5))
                .env(EnvVars.fromConfigMap(VertoApplication.CONFIG_MAP, "REDIS_HOST"),
                        EnvVars.fromConfigMap(VertoApplication.CONFIG_MAP, "REDIS_PORT"),
                        EnvVars.fromSecret(VertoApplication.SECRET, "REDIS_PASSWORD"))
                .size(Cpu.millis(500), Memory.gibibytes(1), "the worker's load test")
                .vpa(new ResourceBounds(Cpu.millis(100), Memory.mebibytes(256), Cpu.cores(1), Memory.gibibytes(2)))
                .path("/api/jobs")
                .reachableFrom("backend")
                .reaches(Reach.redis())
                .build();
        return VertoApplication.catalogue().with(worker);
        // recipe:end
    }
}
