// Nothing in the `default` namespace: it has no quota, no default deny and no Pod Security level of the stack's.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, describe, nonEmptyString, peek, violation } from "../../common/util";
import { k8sNamespace } from "../model/names";
import { objectsOf } from "../model/object";
import { isBuiltInGroup } from "../model/pods";

/** Built-in kinds that live in a namespace, by API group. */
const NAMESPACED: Record<string, readonly string[]> = {
    "": ["Pod", "Service", "ConfigMap", "Secret", "ServiceAccount", "PersistentVolumeClaim", "ReplicationController",
        "Endpoints", "LimitRange", "ResourceQuota", "PodTemplate", "Event"],
    apps: ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision"],
    extensions: ["Deployment", "DaemonSet", "ReplicaSet", "Ingress", "NetworkPolicy"],
    batch: ["Job", "CronJob"],
    "networking.k8s.io": ["Ingress", "NetworkPolicy"],
    "rbac.authorization.k8s.io": ["Role", "RoleBinding"],
    policy: ["PodDisruptionBudget"],
    autoscaling: ["HorizontalPodAutoscaler"],
    "discovery.k8s.io": ["EndpointSlice"],
    "coordination.k8s.io": ["Lease"],
    "storage.k8s.io": ["CSIStorageCapacity"],
};

export const noDefaultNamespace: ResourceValidationPolicy = {
    name: "k8s-no-default-namespace",
    description: describe(
        "Namespaced objects must not be created in the default namespace.",
        "set metadata.namespace to a namespace the stack declares (with its quota, default deny and Pod Security "
        + "labels), or configure that namespace on the Kubernetes provider.",
        "CKV_K8S_21, Kyverno disallow-default-namespace"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const o of objectsOf(args.type, args.props, args.name)) {
            if (o.patch || (o.kind === "ServiceAccount" && o.name === "default") || (o.kind === "Service" && o.name === "kubernetes")) {
                continue;
            }
            const builtIn = isBuiltInGroup(o.group);
            if (builtIn && !(NAMESPACED[o.group] ?? []).includes(o.kind)) {
                continue; // cluster-scoped
            }
            // A custom resource may be cluster-scoped: only an explicit default namespace is judged.
            const explicit = peek(peek(o.body, "metadata"), "namespace");
            const ns = builtIn ? k8sNamespace(o.body, args.provider) : nonEmptyString(explicit) ? explicit.trim() : undefined;
            if (ns === UNKNOWN || ns !== "default") {
                continue;
            }
            report(violation(`${o.label} will be created in the default namespace${nonEmptyString(explicit) ? "" : " (no metadata.namespace, and none on its provider)"}`,
                "the default namespace has none of the stack's isolation: no default-deny NetworkPolicy, no quota, no "
                + "Pod Security level, and every unscoped kubectl command lands there",
                "set metadata.namespace to the stack's namespace (or the namespace option of the Kubernetes provider)"));
        }
    },
};
