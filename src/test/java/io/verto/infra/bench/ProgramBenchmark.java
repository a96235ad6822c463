package io.verto.infra.bench;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.kubernetes.namespace.SecureNamespace;
import io.verto.infra.kubernetes.namespace.SecureNamespaceArgs;
import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.kubernetes.workload.HttpProbe;
import io.verto.infra.kubernetes.workload.SecureContainer;
import io.verto.infra.kubernetes.workload.WebService;
import io.verto.infra.kubernetes.workload.WebServiceArgs;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.platform.Reach;
import io.verto.infra.platform.ServiceCatalogue;
import io.verto.infra.platform.VertoApplication;
import io.verto.infra.platform.VertoProgram;
import io.verto.infra.testing.StackFiles;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;
import io.verto.infra.types.Scaling;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Program-phase benchmark: the whole program under Pulumi's mocks (no engine, no provider), per stack
 * for synthetic platforms of 10, 50 and 100 services (components alone), and for the production stack with a
 * catalogue of 10, 50 and 100 services (the whole program path). Prints resources registered, wall time and
 * resources per second (median of the measured runs, after warm-up runs in the same JVM).
 *
 * <p>Run: {@code scripts/benchmark} (or {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.verto.infra.bench.ProgramBenchmark}).
 */
public final class ProgramBenchmark {
    private static final int WARMUP = 3;
    private static final int RUNS = 7;

    private ProgramBenchmark() { }

    public static void main(String[] args) {
        System.out.printf("%-26s %10s %12s %12s %14s%n", "program", "resources", "first ms", "median ms", "resources/s");
        for (String stack : StackFiles.STACKS) {
            var config = StackFiles.loadWithSecrets(stack);
            measure("stack " + stack, () -> ProgramRun.verto(config));
        }
        for (int services : new int[] {10, 50, 100}) {
            measure("synthetic " + services + " services", () -> synthetic(services));
        }
        var production = StackFiles.loadWithSecrets("production");
        for (int extra : new int[] {8, 48, 98}) {
            var catalogue = catalogue(extra);
            measure("production, " + (extra + 2) + " services", () -> ProgramRun.run("production", ctx -> VertoProgram.define(ctx, production, catalogue)));
        }
    }

    private static void measure(String label, Supplier<ProgramRun> program) {
        long start = System.nanoTime();
        ProgramRun first = program.get();
        first.result().throwOnError();
        double firstMs = (System.nanoTime() - start) / 1e6;
        for (int i = 1; i < WARMUP; i++) {
            program.get();
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            program.get();
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        double median = times[RUNS / 2];
        int resources = first.registered().size();
        System.out.printf("%-26s %10d %12.1f %12.1f %14.0f%n", label, resources, firstMs, median, resources / (median / 1000));
    }

    /**
     * Verto's catalogue plus N workers, each reached by the one before it: the whole program path (settings with
     * four per-service keys each, the plan, the wiring) at that size.
     */
    static ServiceCatalogue catalogue(int extra) {
        ServiceCatalogue catalogue = VertoApplication.catalogue();
        for (int i = 0; i < extra; i++) {
            var worker = VertoApplication.nodeService("worker" + i, Port.tcp(4000 + i))
                    .probes(HttpProbe.of("/health", 10, 10), HttpProbe.of("/ready", 2, 5))
                    .size(Cpu.millis(200), Memory.mebibytes(256), "benchmark")
                    .reaches(Reach.redis());
            if (i > 0) {
                worker.reachableFrom("worker" + (i - 1));
            }
            catalogue = catalogue.with(worker.build());
        }
        return catalogue;
    }

    /** A namespace and N services, each with its own allow-list to the next. */
    static ProgramRun synthetic(int services) {
        return ProgramRun.run("bench", ctx -> {
            var ns = new SecureNamespace("bench", SecureNamespaceArgs.builder().name("bench").environment("testing").partOf("bench").build(),
                    ComponentResourceOptions.builder().build());
            Output<String> namespace = ns.namespaceName();
            for (int i = 0; i < services; i++) {
                new WebService("svc-" + i, WebServiceArgs.builder()
                        .namespace(namespace)
                        .name("svc-" + i)
                        .component("svc" + i)
                        .partOf("bench")
                        .environment("testing")
                        .container(SecureContainer.builder()
                                .name("svc" + i)
                                .image(ImageRef.of("registry.example.com/bench/svc", "1.0." + i))
                                .port(Port.tcp(8080))
                                .resources(new Resources(Cpu.millis(100), Memory.mebibytes(128), Cpu.millis(200), Memory.mebibytes(256)))
                                .livenessProbe(HttpProbe.of("/health", 10, 10))
                                .readinessProbe(HttpProbe.of("/ready", 2, 5))
                                .build())
                        .scaling(Scaling.fixed(2))
                        .allowEgress(NetworkRule.of(NetworkPeer.pods(java.util.Map.of("app.kubernetes.io/name", "svc-" + ((i + 1) % services))), Port.tcp(8080)))
                        .build(), ComponentResourceOptions.builder().build());
            }
        });
    }
}
