package io.verto.infra.kubernetes.rbac;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.rbac.v1.Role;
import com.pulumi.kubernetes.rbac.v1.RoleArgs;
import com.pulumi.kubernetes.rbac.v1.RoleBinding;
import com.pulumi.kubernetes.rbac.v1.RoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.PolicyRuleArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ServiceAccount with read-only access to the namespace (design 7.3): get/list/watch on pods,
 * services, configmaps, deployments and replicasets. Secrets are narrowed to {@code get} on named
 * Secrets, since listing them would reveal every credential.
 */
public class ReadOnlyAccess extends ComponentResource {
    public static final String TYPE = "verto:kubernetes:ReadOnlyAccess";

    private final Output<String> serviceAccountName;

    public ReadOnlyAccess(String name, ReadOnlyAccessArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        Map<String, String> labels = Labels.shared(args.partOf());

        var account = new ServiceAccount(name, ServiceAccountArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(args.serviceAccountName()).namespace(args.namespace()).labels(labels).build())
                .automountServiceAccountToken(false)
                .build(), child);
        this.serviceAccountName = account.metadata().applyValue(m -> m.name().orElseThrow());

        List<PolicyRuleArgs> rules = new ArrayList<>();
        rules.add(PolicyRuleArgs.builder().apiGroups("").resources("pods", "services", "configmaps")
                .verbs("get", "list", "watch").build());
        rules.add(PolicyRuleArgs.builder().apiGroups("apps").resources("deployments", "replicasets")
                .verbs("get", "list", "watch").build());
        if (!args.readableSecrets().isEmpty()) {
            rules.add(PolicyRuleArgs.builder().apiGroups("").resources("secrets")
                    .resourceNames(args.readableSecrets()).verbs("get").build());
        }
        var role = new Role(name, RoleArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(args.roleName()).namespace(args.namespace()).labels(labels).build())
                .rules(rules)
                .build(), child);

        new RoleBinding(name, RoleBindingArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(args.roleName() + "-binding").namespace(args.namespace()).labels(labels).build())
                .subjects(SubjectArgs.builder().kind("ServiceAccount").name(serviceAccountName).namespace(args.namespace()).build())
                .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("Role")
                        .name(role.metadata().applyValue(m -> m.name().orElseThrow())).build())
                .build(), child);

        registerOutputs(Map.of("serviceAccountName", serviceAccountName));
    }

    public Output<String> serviceAccountName() {
        return serviceAccountName;
    }
}
