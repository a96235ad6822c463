package io.verto.infra.bench;

import com.pulumi.Pulumi;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/** The baseline for scripts/benchmark-engine: one ConfigMap, rendered, on the same JVM and classpath. */
public final class MinimalProgram {
    private MinimalProgram() { }

    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var provider = new Provider("render", ProviderArgs.builder()
                    .renderYamlToDirectory(System.getProperty("java.io.tmpdir") + "/verto-minimal-program").build());
            new ConfigMap("settings", ConfigMapArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("settings").namespace("default").build())
                    .data(Map.of("MODE", "baseline"))
                    .build(), CustomResourceOptions.builder().provider(provider).build());
        });
    }
}
