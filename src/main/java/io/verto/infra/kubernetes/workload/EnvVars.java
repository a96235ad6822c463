package io.verto.infra.kubernetes.workload;

import com.pulumi.kubernetes.core.v1.inputs.ConfigMapKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;

/** Environment variables of a container, by where their value comes from. */
public final class EnvVars {
    private EnvVars() { }

    /** A literal value. Never use this for secrets: they would show in the pod spec. */
    public static EnvVarArgs value(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    /** A key of a ConfigMap; the variable has the key's name. */
    public static EnvVarArgs fromConfigMap(String configMap, String key) {
        return EnvVarArgs.builder().name(key).valueFrom(EnvVarSourceArgs.builder()
                .configMapKeyRef(ConfigMapKeySelectorArgs.builder().name(configMap).key(key).build()).build()).build();
    }

    /** A key of a Secret; the variable has the key's name. The value never appears in the pod spec. */
    public static EnvVarArgs fromSecret(String secret, String key) {
        return EnvVarArgs.builder().name(key).valueFrom(EnvVarSourceArgs.builder()
                .secretKeyRef(SecretKeySelectorArgs.builder().name(secret).key(key).build()).build()).build();
    }
}
