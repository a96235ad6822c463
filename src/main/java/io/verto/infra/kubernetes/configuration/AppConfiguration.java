package io.verto.infra.kubernetes.configuration;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Labels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's settings: ConfigMaps for plain values (design 5.2 and 10.1) and one Secret
 * (design 5.3) filled only from Pulumi secrets.
 */
public class AppConfiguration extends ComponentResource {
    public static final String TYPE = "verto:kubernetes:AppConfiguration";

    private final Output<String> secretName;
    private final Output<List<String>> configMapNames;

    public AppConfiguration(String name, AppConfigurationArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        Map<String, String> labels = Labels.shared(args.partOf());

        List<Output<String>> names = new java.util.ArrayList<>();
        args.configMaps().forEach((mapName, data) -> {
            var configMap = new ConfigMap(name + "-" + mapName, ConfigMapArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(mapName).namespace(args.namespace()).labels(labels).build())
                    .data(data)
                    .build(), child);
            names.add(configMap.metadata().applyValue(m -> m.name().orElseThrow()));
        });
        this.configMapNames = Output.all(names);

        // stringData keeps each value a secret output end to end; the provider encrypts it in state too.
        Output<Map<String, String>> secretData = Output.all(new java.util.ArrayList<>(args.secretData().values()))
                .applyValue(values -> {
                    Map<String, String> data = new LinkedHashMap<>();
                    var keys = new java.util.ArrayList<>(args.secretData().keySet());
                    for (int i = 0; i < keys.size(); i++) {
                        data.put(keys.get(i), values.get(i));
                    }
                    return data;
                });
        var secret = new Secret(name + "-secret", SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(args.secretName()).namespace(args.namespace()).labels(labels).build())
                .type("Opaque")
                .stringData(secretData.asSecret())
                .build(), CustomResourceOptions.builder().parent(this).additionalSecretOutputs("data", "stringData").build());
        this.secretName = secret.metadata().applyValue(m -> m.name().orElseThrow());

        registerOutputs(Map.of("secretName", secretName, "configMapNames", configMapNames));
    }

    public Output<String> secretName() {
        return secretName;
    }

    public Output<List<String>> configMapNames() {
        return configMapNames;
    }
}
