// Attempts against the pod rules: the insecure container hides behind another token, a List, a patch or a custom
// resource, or spells the setting differently.

import * as k8s from "../../src/kubernetes/pod";
import { goodContainer, goodPodSpec, res, workload } from "../builders";
import { Attempt, against } from "./attempt";

/** A pod spec whose first container has `sc` merged into its securityContext (and other fields into the container). */
function spec(sc: Record<string, unknown> = {}, container: Record<string, unknown> = {}, pod: Record<string, unknown> = {}) {
    const s = goodPodSpec(pod);
    s.containers[0] = { ...s.containers[0], ...container, securityContext: { ...s.containers[0].securityContext, ...sc } };
    return s;
}

/** A workload registered under a token that says something else. */
function disguised(kind: string, podSpec: Record<string, any>, token = "kubernetes:verto.io/v1:WebApp") {
    const w = workload(kind, "web", podSpec);
    return { ...w, type: token, urn: w.urn!.replace(/::kubernetes:[^:]+:[A-Za-z]+::/, `::${token}::`) };
}

/** A built-in workload inside a `<Kind>List`. */
function listed(kind: string, podSpec: Record<string, any>) {
    const w = workload(kind, "item", podSpec);
    return res(`${w.type}List`, "batch", { apiVersion: w.props!.apiVersion, kind: `${kind}List`, items: [w.props] });
}

/** A patch of an existing workload adding or changing the first container. */
function patch(kind: string, podSpec: Record<string, any>) {
    const groups: Record<string, string> = { Deployment: "apps/v1", DaemonSet: "apps/v1", StatefulSet: "apps/v1", CronJob: "batch/v1" };
    const template = { spec: podSpec };
    const props = kind === "CronJob" ? { spec: { jobTemplate: { spec: { template } } } } : { spec: { template } };
    return res(`kubernetes:${groups[kind]}:${kind}Patch`, "patched", { apiVersion: groups[kind], kind, metadata: { name: "coredns", namespace: "kube-system" }, ...props });
}

/** A custom resource with a pod template (Argo Rollout, Knative Service, KEDA ScaledJob, OpenKruise CloneSet). */
function custom(kind: "Rollout" | "KnativeService" | "ScaledJob" | "CloneSet", podSpec: Record<string, any>) {
    const template = { metadata: { labels: { app: "web" } }, spec: podSpec };
    switch (kind) {
        case "Rollout": return res("kubernetes:argoproj.io/v1alpha1:Rollout", "web", { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout",
            metadata: { name: "web", namespace: "verto" }, spec: { replicas: 2, template, strategy: { canary: {} } } });
        case "KnativeService": return res("kubernetes:serving.knative.dev/v1:Service", "web", { apiVersion: "serving.knative.dev/v1",
            kind: "Service", metadata: { name: "web", namespace: "verto" }, spec: { template } });
        case "ScaledJob": return res("kubernetes:keda.sh/v1alpha1:ScaledJob", "jobs", { apiVersion: "keda.sh/v1alpha1", kind: "ScaledJob",
            metadata: { name: "jobs", namespace: "verto" }, spec: { jobTargetRef: { template } } });
        default: return res("kubernetes:apps.kruise.io/v1alpha1:CloneSet", "web", { apiVersion: "apps.kruise.io/v1alpha1", kind: "CloneSet",
            metadata: { name: "web", namespace: "verto" }, spec: { replicas: 2, template } });
    }
}

const bare = (c: Record<string, unknown> = {}) => ({ containers: [{ name: "sidecar", image: "registry.gitlab.com/verto/platform/sidecar:1.0.0", ...c }] });

export const podAttempts: Attempt[] = [
    against(k8s.runAsNonRoot, "root Deployment registered under a harmless custom token", disguised("Deployment", spec({ runAsUser: 0 })), "runs as root"),
    against(k8s.runAsNonRoot, "Argo Rollout whose pod template says nothing about the user", custom("Rollout", goodPodSpec({ securityContext: { seccompProfile: { type: "RuntimeDefault" } }, containers: [goodContainer("app", { securityContext: { allowPrivilegeEscalation: false } })] })), "may run as root"),
    against(k8s.runAsNonRoot, "container patched into an existing Deployment without a securityContext", patch("Deployment", bare()), 'container "sidecar" may run as root'),
    against(k8s.noPrivilegeEscalation, "escalation allowed inside a DeploymentList item", listed("Deployment", spec({ allowPrivilegeEscalation: true })), "allowPrivilegeEscalation"),
    against(k8s.noPrivilegeEscalation, "Knative Service template allowing escalation", custom("KnativeService", spec({ allowPrivilegeEscalation: true })), "allowPrivilegeEscalation"),
    against(k8s.dropAllCapabilities, "capability spelled cap_sys_admin (runtime adds CAP_ and upper-cases)", workload("Deployment", "w", spec({ capabilities: { drop: ["ALL"], add: ["cap_sys_admin"] } })), "adds capabilities SYS_ADMIN"),
    against(k8s.dropAllCapabilities, "CAP_NET_ADMIN added in a DaemonSetPatch", patch("DaemonSet", bare({ securityContext: { capabilities: { drop: ["ALL"], add: ["CAP_NET_ADMIN"] } } })), "adds capabilities NET_ADMIN"),
    against(k8s.dropAllCapabilities, "drops only NET_RAW in a CloneSet", custom("CloneSet", spec({ capabilities: { drop: ["NET_RAW"] } })), "does not drop ALL"),
    against(k8s.readOnlyRootFilesystem, "writable root filesystem in a DaemonSetPatch", patch("DaemonSet", bare({ securityContext: { readOnlyRootFilesystem: false } })), "writable root filesystem"),
    against(k8s.readOnlyRootFilesystem, "writable root filesystem in a CronJobList item", listed("CronJob", spec({ readOnlyRootFilesystem: false })), "writable root filesystem"),
    against(k8s.seccompProfile, "legacy pod annotation unconfined beside a RuntimeDefault profile", (() => {
        const d = workload("Deployment", "w");
        (d.props as any).spec.template.metadata.annotations = { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" };
        return d;
    })(), "unconfined"),
    against(k8s.seccompProfile, "KEDA ScaledJob template with an Unconfined profile", custom("ScaledJob", spec({ seccompProfile: { type: "Unconfined" } })), "uses seccomp profile Unconfined"),
    against(k8s.noHostNamespaces, "Pod registered as a ConfigMap token", disguised("Pod", goodPodSpec({ hostNetwork: true }), "kubernetes:core/v1:ConfigMap"), "hostNetwork: true"),
    against(k8s.noHostNamespaces, "DaemonSetPatch switching on hostPID", patch("DaemonSet", { hostPID: true }), "hostPID: true"),
    against(k8s.noHostPath, "local PersistentVolume at /mnt/disks/../../etc", res("kubernetes:core/v1:PersistentVolume", "pv", { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "pv" }, spec: { local: { path: "/mnt/disks/../../etc" }, capacity: { storage: "1Gi" } } }), "system directory /etc"),
    against(k8s.noHostPath, "local PersistentVolume on the node's root", res("kubernetes:core/v1:PersistentVolume", "pv", { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "pv" }, spec: { local: { path: "//" }, capacity: { storage: "1Gi" } } }), "root directory"),
    against(k8s.noHostPath, "hostPath volume in an Argo Rollout", custom("Rollout", goodPodSpec({ volumes: [{ name: "sock", hostPath: { path: "/var/run/docker.sock" } }] })), "hostPath volume"),
    against(k8s.noPrivileged, "privileged DaemonSet registered under a harmless custom token", disguised("DaemonSet", spec({ privileged: true }), "kubernetes:verto.io/v1:Harmless"), "runs privileged"),
    against(k8s.noPrivileged, "privileged Deployment as the item of a generic List under a custom token", res("kubernetes:verto.io/v1:Bundle", "bundle", {
        apiVersion: "v1", kind: "List", items: [workload("Deployment", "inner", spec({ privileged: true })).props] }), 'Deployment "inner" (in List "bundle")'),
    against(k8s.noPrivileged, "privileged container patched into an existing DaemonSet", patch("DaemonSet", bare({ securityContext: { privileged: true } })), 'container "sidecar" runs privileged'),
    against(k8s.noHostPorts, "hostPort written as a string", workload("Deployment", "w", spec({}, { ports: [{ containerPort: 80, hostPort: "8080" }] })), "binds host port(s) 8080"),
    against(k8s.noHostPorts, "hostPort in a CloneSet", custom("CloneSet", spec({}, { ports: [{ containerPort: 80, hostPort: 80 }] })), "binds host port(s) 80"),
    against(k8s.noHostProcess, "pod-level HostProcess in a DeploymentPatch", patch("Deployment", { securityContext: { windowsOptions: { hostProcess: true } }, ...bare() }), "HostProcess"),
    against(k8s.noHostProcess, "HostProcess inside a list of DaemonSets", listed("DaemonSet", spec({ windowsOptions: { hostProcess: true } })), "HostProcess"),
    against(k8s.noProcMount, "Unmasked /proc on an ephemeral debug container", workload("Pod", "p", goodPodSpec({ ephemeralContainers: [{ name: "debug", image: "registry.gitlab.com/verto/platform/debug:1.0.0", securityContext: { procMount: "Unmasked" } }] })), "procMount: Unmasked"),
    against(k8s.noProcMount, "Unmasked /proc in a Knative Service", custom("KnativeService", spec({ procMount: "Unmasked" })), "procMount: Unmasked"),
    against(k8s.restrictSeLinux, "spc_t set at pod level in a StatefulSetPatch", patch("StatefulSet", { securityContext: { seLinuxOptions: { type: "spc_t" } }, ...bare() }), "type spc_t"),
    against(k8s.restrictSeLinux, "SELinux role in a Rollout container", custom("Rollout", spec({ seLinuxOptions: { role: "sysadm_r" } })), "role sysadm_r"),
    against(k8s.restrictAppArmor, "Unconfined AppArmor profile in a patched container", patch("Deployment", bare({ securityContext: { appArmorProfile: { type: "Unconfined" } } })), "AppArmor profile Unconfined"),
    against(k8s.restrictAppArmor, "unconfined AppArmor annotation on a CloneSet template", (() => {
        const c = custom("CloneSet", goodPodSpec());
        (c.props as any).spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" };
        return c;
    })(), "is \"unconfined\""),
    against(k8s.restrictSysctls, "unsafe sysctl spelled with slashes", workload("Deployment", "w", goodPodSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" }, sysctls: [{ name: "kernel/msgmax", value: "65536" }] } })), "kernel.msgmax"),
    against(k8s.restrictSysctls, "ip_forward switched on by a DeploymentPatch", patch("Deployment", { securityContext: { sysctls: [{ name: "net.ipv4.ip_forward", value: "1" }] } }), "net.ipv4.ip_forward"),
    against(k8s.restrictVolumeTypes, "NFS volume in an Argo Workflow", res("kubernetes:argoproj.io/v1alpha1:Workflow", "wf", { apiVersion: "argoproj.io/v1alpha1", kind: "Workflow", metadata: { name: "wf", namespace: "verto" },
        spec: { entrypoint: "main", volumes: [{ name: "share", nfs: { server: "nas", path: "/" } }], templates: [{ name: "main", container: goodContainer("main") }] } }), "has type nfs"),
    against(k8s.restrictVolumeTypes, "gitRepo volume in a Deployment registered under another token", disguised("Deployment", goodPodSpec({ volumes: [{ name: "src", gitRepo: { repository: "https://example.com/x.git" } }] })), "has type gitRepo"),
    against(k8s.requestsAndLimits, "CPU request written 0e3", workload("Deployment", "w", spec({}, { resources: { requests: { cpu: "0e3", memory: "64Mi" }, limits: { cpu: "1", memory: "128Mi" } } })), "requests.cpu is zero"),
    against(k8s.requestsAndLimits, "memory limit written .0Mi", workload("Deployment", "w", spec({}, { resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "1", memory: ".0Mi" } } })), "limits.memory is zero"),
    against(k8s.requestsAndLimits, "container patched in without resources", patch("Deployment", bare()), "is missing resources"),
    against(k8s.probes, "Argo Rollout without probes", custom("Rollout", goodPodSpec({ containers: [goodContainer("app", { livenessProbe: undefined, readinessProbe: undefined })] })), "has no livenessProbe and readinessProbe"),
    against(k8s.probes, "container patched into a Deployment without probes", patch("Deployment", bare()), 'container "sidecar" has no livenessProbe'),
    against(k8s.pinnedImages, "Maven snapshot tag that looks like a version", workload("Deployment", "w", spec({}, { image: "registry.gitlab.com/verto/platform/backend:1.4.2-SNAPSHOT" })), "mutable tag"),
    against(k8s.pinnedImages, "nightly build of a full version", workload("CronJob", "c", spec({}, { image: "registry.gitlab.com/verto/platform/backup:2.0.0-nightly" })), "mutable tag"),
    against(k8s.pinnedImages, "digest that is not one", workload("Deployment", "w", spec({}, { image: "registry.gitlab.com/verto/platform/backend@sha256:latest" })), "malformed digest"),
    against(k8s.allowedRegistries, "look-alike host that starts with the allowed one", workload("Deployment", "w", spec({}, { image: "registry.gitlab.com.evil.io/verto/platform/backend:1.4.2" })), "outside the allowed registries"),
    against(k8s.allowedRegistries, "sibling group whose name starts with the allowed one", workload("Deployment", "w", spec({}, { image: "registry.gitlab.com/verto-mirror/backend:1.4.2" })), "outside the allowed registries"),
    against(k8s.allowedRegistries, "Docker Hub image with the allowed repository as a prefix of its name", workload("Deployment", "w", spec({}, { image: "mysql-tools:8.4.11" })), "docker.io/library/mysql-tools"),
    against(k8s.noPlaintextCredentials, "camelCase credential name in env", workload("Deployment", "w", spec({}, { env: [{ name: "dbPassword", value: "hunter2-hunter2" }] })), "sets env dbPassword"),
    against(k8s.noPlaintextCredentials, "password inside a connection URL", workload("Deployment", "w", spec({}, { env: [{ name: "DATABASE_URL", value: "mysql://verto:hunter2@db:3306/verto" }] })), "a URL with a password"),
    against(k8s.noPlaintextCredentials, "AWS key in a ConfigMap under an innocent key", res("kubernetes:core/v1:ConfigMap", "cfg", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "verto" }, data: { AWS_KEY_ID_FOR_UPLOADS: "AKIAIOSFODNN7EXAMPLE" } }), "an AWS access key id"),
    against(k8s.noPlaintextCredentials, "password passed as a command-line flag in a Rollout", custom("Rollout", spec({}, { args: ["--db-password=hunter2-hunter2"] })), "on its command line"),
];
