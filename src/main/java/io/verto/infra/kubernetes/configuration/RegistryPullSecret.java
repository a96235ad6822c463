package io.verto.infra.kubernetes.configuration;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.serialization.Canonical;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * An image pull secret ({@code kubernetes.io/dockerconfigjson}) for one registry, built from a Pulumi
 * secret: the password stays a secret output end to end, so it is encrypted in state and never shown.
 */
public class RegistryPullSecret extends ComponentResource {
    public static final String TYPE = "verto:kubernetes:RegistryPullSecret";

    private final Output<String> secretName;

    public RegistryPullSecret(String name, RegistryPullSecretArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Output<String> dockerConfig = args.password().applyValue(password -> dockerConfig(args.registry(), args.username(), password));
        var secret = new Secret(name, SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(args.name()).namespace(args.namespace()).labels(Labels.shared(args.partOf())).build())
                .type("kubernetes.io/dockerconfigjson")
                .stringData(dockerConfig.applyValue(config -> Map.of(".dockerconfigjson", config)).asSecret())
                .build(), CustomResourceOptions.builder().parent(this).additionalSecretOutputs("data", "stringData").build());
        this.secretName = secret.metadata().applyValue(m -> m.name().orElseThrow());
        registerOutputs(Map.of("secretName", secretName));
    }

    /** The {@code .dockerconfigjson} document the kubelet reads: one registry, with username, password and auth. */
    static String dockerConfig(String registry, String username, String password) {
        String auth = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Canonical.json(Map.of("auths", Map.of(registry,
                Map.of("username", username, "password", password, "auth", auth))));
    }

    /** The Secret's name, to put in a pod's {@code imagePullSecrets}. */
    public Output<String> secretName() {
        return secretName;
    }
}
