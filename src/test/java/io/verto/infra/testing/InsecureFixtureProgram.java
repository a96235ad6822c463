package io.verto.infra.testing;

import com.pulumi.Pulumi;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * A deliberately insecure program, for the real-engine test that shows {@code pulumi preview
 * --policy-pack} blocks it: a privileged, root, unpinned container with no limits or probes on the
 * host network, a NodePort Service and a Secret built from a plaintext string. Never deploy it.
 */
public final class InsecureFixtureProgram {
    private InsecureFixtureProgram() { }

    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var provider = new Provider("render", ProviderArgs.builder()
                    .renderYamlToDirectory(System.getProperty("java.io.tmpdir") + "/verto-insecure-fixture").build());
            var opts = CustomResourceOptions.builder().provider(provider).build();
            Map<String, String> labels = Map.of("app", "insecure");
            new Deployment("insecure", DeploymentArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("insecure").namespace("default").build())
                    .spec(DeploymentSpecArgs.builder()
                            .selector(LabelSelectorArgs.builder().matchLabels(labels).build())
                            .template(PodTemplateSpecArgs.builder()
                                    .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                    .spec(PodSpecArgs.builder()
                                            .hostNetwork(true)
                                            .containers(ContainerArgs.builder()
                                                    .name("app")
                                                    .image("nginx:latest")
                                                    .securityContext(SecurityContextArgs.builder().privileged(true).runAsUser(0).build())
                                                    .build())
                                            .build())
                                    .build())
                            .build())
                    .build(), opts);
            new Service("insecure", ServiceArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("insecure").namespace("default").build())
                    .spec(ServiceSpecArgs.builder().type("NodePort").selector(labels)
                            .ports(ServicePortArgs.builder().port(80).build()).build())
                    .build(), opts);
            new Secret("insecure", SecretArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("insecure").namespace("default").build())
                    .stringData(Map.of("PASSWORD", "plaintext-in-code"))
                    .build(), opts);
        });
    }
}
