import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as k8s from "../../src/kubernetes/pod";
import { assertFails, assertPasses, resourceDiagnostics as run } from "../assertions";
import {
    WORKLOAD_KINDS, goodContainer, goodInitContainer, goodPodSpec, res, workload,
} from "../builders";
import { UNKNOWN_STRING } from "../harness";
import { resourcePolicies } from "../../src/policies";

/** A pod spec whose first container (or init container) has `securityContext` merged with `sc`. */
function withContainerSc(sc: Record<string, unknown>, list: "containers" | "initContainers" = "containers") {
    const spec = goodPodSpec();
    spec[list][0].securityContext = { ...spec[list][0].securityContext, ...sc };
    return spec;
}

function withoutContainerSc(key: string, list: "containers" | "initContainers" = "containers") {
    const spec = goodPodSpec();
    delete spec[list][0].securityContext[key];
    return spec;
}

describe("pod template extraction", () => {
    for (const kind of WORKLOAD_KINDS) {
        it(`a compliant ${kind} passes every Kubernetes resource policy`, () => {
            for (const p of resourcePolicies) {
                assertPasses(run(p, workload(kind, "backend")));
            }
        });
        it(`a ${kind} with a privileged init container fails (init containers are checked)`, () => {
            assertFails(run(k8s.noPrivileged, workload(kind, "backend", withContainerSc({ privileged: true }, "initContainers"))),
                'initContainer "migrate" runs privileged', 1);
        });
    }
    it("ignores other resource types and providers", () => {
        assertPasses(run(k8s.noPrivileged, res("kubernetes:core/v1:ConfigMap", "cm", { data: { a: "b" } })));
        assertPasses(run(k8s.noPrivileged, res("pulumi:providers:kubernetes", "k8s", {})));
    });
    it("reports an unknown pod spec as the SDK's advisory preview diagnostic", () => {
        const d = workload("Deployment", "backend");
        (d.props as any).spec.template.spec = UNKNOWN_STRING;
        const ds = run(k8s.noPrivileged, d);
        assert.equal(ds.length, 1);
        assert.equal(ds[0].level, "advisory");
        assert.match(ds[0].message, /can't run policy 'k8s-no-privileged' during preview/);
    });
});

describe("k8s-run-as-non-root", () => {
    it("passes with pod-level runAsNonRoot only", () => {
        const spec = withoutContainerSc("runAsNonRoot");
        delete spec.containers[0].securityContext.runAsUser;
        assertPasses(run(k8s.runAsNonRoot, workload("Deployment", "b", spec)));
    });
    it("passes with runAsUser > 0 only", () => {
        const spec = goodPodSpec({ securityContext: { seccompProfile: { type: "RuntimeDefault" } } });
        delete spec.containers[0].securityContext.runAsNonRoot;
        delete spec.initContainers[0].securityContext.runAsNonRoot;
        assertPasses(run(k8s.runAsNonRoot, workload("Deployment", "b", spec)));
    });
    it("fails when nothing says non-root", () => {
        const spec = goodPodSpec({ securityContext: {} });
        for (const c of [...spec.containers, ...spec.initContainers]) {
            delete c.securityContext.runAsNonRoot;
            delete c.securityContext.runAsUser;
        }
        assertFails(run(k8s.runAsNonRoot, workload("StatefulSet", "db", spec)), "may run as root", 2);
    });
    it("fails on runAsUser 0 even with runAsNonRoot", () => {
        assertFails(run(k8s.runAsNonRoot, workload("Deployment", "b", withContainerSc({ runAsUser: 0 }))),
            'container "app" runs as root (runAsUser: 0)', 1);
    });
    it("fails when the container overrides the pod with runAsNonRoot false", () => {
        const spec = withContainerSc({ runAsNonRoot: false });
        delete spec.containers[0].securityContext.runAsUser;
        assertFails(run(k8s.runAsNonRoot, workload("Deployment", "b", spec)), "may run as root", 1);
    });
});

describe("k8s-no-privilege-escalation", () => {
    it("passes with allowPrivilegeEscalation false", () => {
        assertPasses(run(k8s.noPrivilegeEscalation, workload("DaemonSet", "agent")));
    });
    it("fails when unset or true", () => {
        assertFails(run(k8s.noPrivilegeEscalation, workload("DaemonSet", "agent", withoutContainerSc("allowPrivilegeEscalation"))),
            "allowPrivilegeEscalation: false", 1);
        assertFails(run(k8s.noPrivilegeEscalation, workload("Job", "j", withContainerSc({ allowPrivilegeEscalation: true }, "initContainers"))),
            'initContainer "migrate" does not set securityContext.allowPrivilegeEscalation: false', 1);
    });
});

describe("k8s-drop-all-capabilities", () => {
    it("passes with drop ALL and NET_BIND_SERVICE added back", () => {
        assertPasses(run(k8s.dropAllCapabilities, workload("Deployment", "b",
            withContainerSc({ capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } }))));
    });
    it("fails without drop ALL", () => {
        assertFails(run(k8s.dropAllCapabilities, workload("Deployment", "b", withContainerSc({ capabilities: { drop: ["NET_RAW"] } }))),
            "does not drop ALL capabilities", 1);
    });
    it("fails when adding other capabilities", () => {
        assertFails(run(k8s.dropAllCapabilities, workload("Deployment", "b",
            withContainerSc({ capabilities: { drop: ["ALL"], add: ["SYS_ADMIN"] } }))), "adds capabilities SYS_ADMIN", 1);
    });
});

describe("k8s-read-only-root-filesystem", () => {
    it("passes with readOnlyRootFilesystem true", () => {
        assertPasses(run(k8s.readOnlyRootFilesystem, workload("CronJob", "backup")));
    });
    it("fails when false", () => {
        assertFails(run(k8s.readOnlyRootFilesystem, workload("CronJob", "backup", withContainerSc({ readOnlyRootFilesystem: false }))),
            "readOnlyRootFilesystem: true", 1);
    });
});

describe("k8s-seccomp-profile", () => {
    it("passes with a container-level Localhost profile and no pod profile", () => {
        const spec = goodPodSpec({ securityContext: { runAsNonRoot: true } });
        for (const c of [...spec.containers, ...spec.initContainers]) {
            c.securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/verto.json" };
        }
        assertPasses(run(k8s.seccompProfile, workload("Deployment", "b", spec)));
    });
    it("fails without any profile", () => {
        assertFails(run(k8s.seccompProfile, workload("Pod", "p", goodPodSpec({ securityContext: { runAsNonRoot: true } }))),
            "has no seccomp profile", 2);
    });
    it("fails when a container overrides with Unconfined", () => {
        assertFails(run(k8s.seccompProfile, workload("Deployment", "b", withContainerSc({ seccompProfile: { type: "Unconfined" } }))),
            "uses seccomp profile Unconfined", 1);
    });
    it("fails on Localhost without localhostProfile", () => {
        const spec = goodPodSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: "Localhost" } } });
        assertFails(run(k8s.seccompProfile, workload("Deployment", "b", spec)), "without localhostProfile", 2);
    });
});

describe("k8s-no-host-namespaces", () => {
    it("passes with host namespaces false", () => {
        assertPasses(run(k8s.noHostNamespaces, workload("Deployment", "b", goodPodSpec({ hostNetwork: false }))));
    });
    it("fails on hostNetwork, hostPID, hostIPC", () => {
        assertFails(run(k8s.noHostNamespaces, workload("DaemonSet", "agent", goodPodSpec({ hostNetwork: true, hostPID: true, hostIPC: true }))),
            "sets hostNetwork: true, hostPID: true, hostIPC: true", 1);
    });
});

describe("k8s-no-host-path", () => {
    it("passes with emptyDir volumes", () => {
        assertPasses(run(k8s.noHostPath, workload("Deployment", "b")));
    });
    it("fails on a hostPath volume", () => {
        assertFails(run(k8s.noHostPath, workload("DaemonSet", "agent", goodPodSpec({ volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] }))),
            'volume "docker" is a hostPath volume', 1);
    });
});

describe("k8s-no-privileged", () => {
    it("passes when privileged is false", () => {
        assertPasses(run(k8s.noPrivileged, workload("Deployment", "b", withContainerSc({ privileged: false }))));
    });
    it("fails when privileged", () => {
        assertFails(run(k8s.noPrivileged, workload("Deployment", "b", withContainerSc({ privileged: true }))), 'container "app" runs privileged', 1);
    });
});

describe("k8s-resources-requests-limits", () => {
    it("passes with cpu and memory requests and limits (numbers accepted)", () => {
        const spec = goodPodSpec();
        spec.containers[0].resources = { requests: { cpu: 0.1, memory: "64Mi" }, limits: { cpu: 1, memory: "1Gi" } };
        assertPasses(run(k8s.requestsAndLimits, workload("Deployment", "b", spec)));
    });
    it("fails listing what is missing, for init containers too", () => {
        const spec = goodPodSpec();
        spec.containers[0].resources = { requests: { cpu: "100m" } };
        delete spec.initContainers[0].resources;
        const ds = run(k8s.requestsAndLimits, workload("Deployment", "b", spec));
        assertFails(ds, "is missing resources", 2);
        assert.match(ds[0].message, /container "app" is missing resources requests\.memory, limits\.cpu, limits\.memory/);
        assert.match(ds[1].message, /initContainer "migrate" is missing resources requests\.cpu, requests\.memory/);
    });
});

describe("k8s-liveness-readiness-probes", () => {
    it("passes for a Deployment with both probes and a plain init container without probes", () => {
        assertPasses(run(k8s.probes, workload("Deployment", "b")));
    });
    it("exempts Jobs and CronJobs", () => {
        const spec = goodPodSpec({ containers: [goodInitContainer("task")] });
        assertPasses(run(k8s.probes, workload("Job", "j", spec)));
        assertPasses(run(k8s.probes, workload("CronJob", "c", spec)));
    });
    it("fails for a Deployment container without probes", () => {
        const spec = goodPodSpec();
        delete spec.containers[0].readinessProbe;
        assertFails(run(k8s.probes, workload("StatefulSet", "s", spec)), 'container "app" has no readinessProbe', 1);
    });
    it("fails for a native sidecar init container without probes", () => {
        const spec = goodPodSpec({ initContainers: [goodInitContainer("proxy", { restartPolicy: "Always" })] });
        assertFails(run(k8s.probes, workload("Deployment", "b", spec)), 'initContainer "proxy" has no livenessProbe and readinessProbe', 1);
    });
});

describe("k8s-image-pinned", () => {
    it("accepts version tags, registry ports and digests", () => {
        for (const image of ["nginx:1.27.3", "registry.local:5000/verto/api:2.0.1", `ghcr.io/verto/api@sha256:${"a".repeat(64)}`,
            `nginx:latest@sha256:${"b".repeat(64)}`]) {
            assert.equal(k8s.imageProblem(image), undefined, image);
        }
        assertPasses(run(k8s.pinnedImages, workload("Deployment", "b")));
    });
    it("rejects latest, untagged and malformed digests", () => {
        assert.match(k8s.imageProblem("nginx")!, /has no tag/);
        assert.match(k8s.imageProblem("registry.local:5000/verto/api")!, /has no tag/);
        assert.match(k8s.imageProblem("nginx:latest")!, /latest/);
        assert.match(k8s.imageProblem("nginx@sha256:abc")!, /malformed digest/);
        assert.match(k8s.imageProblem("")!, /has no image/);
        const spec = goodPodSpec({ containers: [goodContainer("app", { image: "mysql:latest" })] });
        assertFails(run(k8s.pinnedImages, workload("Deployment", "b", spec)), 'image "mysql:latest" uses the latest tag', 1);
    });
});

// --- bypasses closed and the Kyverno pod-security rules added ---------------------------------------------------

const patchOf = (kind: string, type: string, podSpec: Record<string, unknown>) => {
    const props = kind === "Pod" ? { metadata: { name: "x" }, spec: podSpec } : { metadata: { name: "x" }, spec: { template: { spec: podSpec } } };
    return res(type, "x", props);
};

describe("Patch kinds and ReplicationController (bypass: never examined)", () => {
    const privileged = { containers: [{ name: "x", securityContext: { privileged: true } }] };
    for (const [kind, type] of [["Deployment", "kubernetes:apps/v1:DeploymentPatch"], ["Pod", "kubernetes:core/v1:PodPatch"],
        ["StatefulSet", "kubernetes:apps/v1:StatefulSetPatch"], ["DaemonSet", "kubernetes:apps/v1:DaemonSetPatch"]]) {
        it(`a ${type.split(":")[2]} setting privileged: true fails`, () => {
            assertFails(run(k8s.noPrivileged, patchOf(kind, type, privileged)), 'Patch "x": container "x" runs privileged', 1);
        });
    }
    it("a patch's container is judged as the container that will run: one that only sets an image fails, one that states everything passes", () => {
        const bare = patchOf("Deployment", "kubernetes:apps/v1:DeploymentPatch", { containers: [{ name: "app", image: "registry.gitlab.com/verto/platform/backend:1.4.3" }] });
        assertFails(run(k8s.runAsNonRoot, bare), 'DeploymentPatch "x": container "app" may run as root', 1);
        assertFails(run(k8s.readOnlyRootFilesystem, bare), "state it in the patch", 1);
        const full = patchOf("Deployment", "kubernetes:apps/v1:DeploymentPatch", goodPodSpec());
        for (const p of resourcePolicies) {
            assertPasses(run(p, full));
        }
        const bad = patchOf("Deployment", "kubernetes:apps/v1:DeploymentPatch", { containers: [{ name: "app", image: "nginx:1" }] });
        assertFails(run(k8s.pinnedImages, bad), 'image "nginx:1" uses the floating tag "1"', 1);
    });
    it("a patch setting resources to zero or allowPrivilegeEscalation: true fails", () => {
        const bad = patchOf("Deployment", "kubernetes:apps/v1:DeploymentPatch", {
            containers: [{ name: "app", resources: { limits: { cpu: "0" } }, securityContext: { allowPrivilegeEscalation: true } }],
        });
        assertFails(run(k8s.requestsAndLimits, bad), "limits.cpu is zero", 1);
        assertFails(run(k8s.noPrivilegeEscalation, bad), "allowPrivilegeEscalation: false", 1);
    });
    it("a compliant ReplicationController passes; a privileged one fails", () => {
        const rc = (spec: Record<string, unknown>) => res("kubernetes:core/v1:ReplicationController", "rc",
            { metadata: { name: "rc", namespace: "verto" }, spec: { replicas: 2, template: { metadata: { labels: { a: "b" } }, spec } } });
        for (const p of resourcePolicies) {
            assertPasses(run(p, rc(goodPodSpec())));
        }
        assertFails(run(k8s.noPrivileged, rc(withContainerSc({ privileged: true }))), 'ReplicationController "rc": container "app" runs privileged', 1);
    });
    it("checks ephemeral containers", () => {
        const spec = goodPodSpec({ ephemeralContainers: [{ name: "debug", image: "busybox:latest", securityContext: { privileged: true } }] });
        assertFails(run(k8s.noPrivileged, workload("Pod", "p", spec)), 'ephemeralContainer "debug" runs privileged', 1);
        assertFails(run(k8s.pinnedImages, workload("Pod", "p", spec)), "uses the latest tag", 1);
    });
});

describe("k8s-resources-requests-limits: values that count as set but mean nothing (bypass)", () => {
    for (const zero of ["0", "0m", "0Mi", 0]) {
        it(`fails a request of ${JSON.stringify(zero)}`, () => {
            const spec = goodPodSpec();
            spec.containers[0].resources.requests.cpu = zero;
            assertFails(run(k8s.requestsAndLimits, workload("Deployment", "b", spec)), "requests.cpu is zero", 1);
        });
    }
    it("fails a non-quantity and a limit below its request", () => {
        const spec = goodPodSpec();
        spec.containers[0].resources = { requests: { cpu: "lots", memory: "1Gi" }, limits: { cpu: "1", memory: "512Mi" } };
        const ds = run(k8s.requestsAndLimits, workload("Deployment", "b", spec));
        assertFails(ds, "has resources", 1);
        assert.match(ds[0].message, /requests\.cpu is not a quantity/);
        assert.match(ds[0].message, /limits\.memory 512Mi is below requests\.memory 1Gi/);
    });
});

describe("k8s-image-pinned: floating tags (bypass)", () => {
    it("rejects empty, floating, bare major and major.minor tags", () => {
        for (const [image, what] of [["nginx:", "empty tag"], ["nginx:stable", 'floating tag "stable"'], ["nginx:main", 'floating tag "main"'],
            ["nginx:1", "bare major"], ["nginx:1.27", "major.minor"], ["mysql:8.0", "major.minor"], ["nginx:alpine", 'unversioned tag "alpine"']]) {
            assert.ok(k8s.imageProblem(image)?.includes(what), `${image}: ${k8s.imageProblem(image)}`);
        }
    });
    it("accepts full versions with suffixes", () => {
        for (const image of ["nginx:1.27.3-alpine", "ghcr.io/x/y:v2.0.1", "registry.local:5000/a/b:10.4.1+build.7"]) {
            assert.equal(k8s.imageProblem(image), undefined, image);
        }
    });
});

describe("k8s-no-host-ports", () => {
    it("passes without hostPort or with 0", () => {
        assertPasses(run(k8s.noHostPorts, workload("Deployment", "b", goodPodSpec({ containers: [goodContainer("app", { ports: [{ containerPort: 80, hostPort: 0 }] })] }))));
    });
    it("fails on a hostPort, for init containers too", () => {
        const spec = goodPodSpec({ initContainers: [goodInitContainer("m", { ports: [{ containerPort: 80, hostPort: 8080 }] })] });
        assertFails(run(k8s.noHostPorts, workload("DaemonSet", "d", spec)), 'initContainer "m" binds host port(s) 8080', 1);
    });
});

describe("k8s-no-host-process", () => {
    it("passes when unset or false", () => {
        assertPasses(run(k8s.noHostProcess, workload("Deployment", "b", withContainerSc({ windowsOptions: { hostProcess: false } }))));
    });
    it("fails at pod or container level", () => {
        assertFails(run(k8s.noHostProcess, workload("Deployment", "b", withContainerSc({ windowsOptions: { hostProcess: true } }))), "HostProcess", 1);
        assertFails(run(k8s.noHostProcess, workload("Deployment", "b", goodPodSpec({ securityContext: { windowsOptions: { hostProcess: true } } }))), "HostProcess", 2);
    });
});

describe("k8s-no-proc-mount", () => {
    it("passes with Default", () => {
        assertPasses(run(k8s.noProcMount, workload("Deployment", "b", withContainerSc({ procMount: "Default" }))));
    });
    it("fails with Unmasked", () => {
        assertFails(run(k8s.noProcMount, workload("Deployment", "b", withContainerSc({ procMount: "Unmasked" }))), "procMount: Unmasked", 1);
    });
});

describe("k8s-restrict-selinux", () => {
    it("passes with container_t", () => {
        assertPasses(run(k8s.restrictSeLinux, workload("Deployment", "b", withContainerSc({ seLinuxOptions: { type: "container_t", level: "s0:c1" } }))));
    });
    it("fails on another type, a user or a role", () => {
        assertFails(run(k8s.restrictSeLinux, workload("Deployment", "b", withContainerSc({ seLinuxOptions: { type: "spc_t" } }))), "type spc_t", 1);
        assertFails(run(k8s.restrictSeLinux, workload("Deployment", "b", goodPodSpec({ securityContext: { seLinuxOptions: { user: "system_u", role: "sysadm_r" } } }))),
            "the pod's seLinuxOptions user system_u, role sysadm_r", 2);
    });
});

describe("k8s-restrict-apparmor", () => {
    it("passes with runtime/default, localhost/* and RuntimeDefault", () => {
        const d = workload("Deployment", "b", withContainerSc({ appArmorProfile: { type: "RuntimeDefault" } }));
        (d.props as any).spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "localhost/verto" };
        assertPasses(run(k8s.restrictAppArmor, d));
    });
    it("fails on unconfined annotations and Unconfined profiles", () => {
        const d = workload("Deployment", "b", withContainerSc({ appArmorProfile: { type: "Unconfined" } }));
        (d.props as any).spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" };
        assertFails(run(k8s.restrictAppArmor, d), "nconfined", 2);
    });
});

describe("k8s-restrict-sysctls", () => {
    it("passes with safe sysctls", () => {
        assertPasses(run(k8s.restrictSysctls, workload("Deployment", "b", goodPodSpec({ securityContext: { sysctls: [{ name: "net.ipv4.tcp_syncookies", value: "1" }] } }))));
    });
    it("fails on an unsafe sysctl", () => {
        assertFails(run(k8s.restrictSysctls, workload("Deployment", "b", goodPodSpec({ securityContext: { sysctls: [{ name: "kernel.sem", value: "1" }] } }))),
            "unsafe sysctl(s) kernel.sem", 1);
    });
});

describe("k8s-restrict-volume-types", () => {
    it("passes with the restricted volume types", () => {
        assertPasses(run(k8s.restrictVolumeTypes, workload("Deployment", "b", goodPodSpec({
            volumes: [{ name: "a", emptyDir: {} }, { name: "b", configMap: { name: "c" } }, { name: "c", persistentVolumeClaim: { claimName: "d" } }],
        }))));
    });
    it("fails on hostPath, nfs and others", () => {
        assertFails(run(k8s.restrictVolumeTypes, workload("Deployment", "b", goodPodSpec({
            volumes: [{ name: "h", hostPath: { path: "/" } }, { name: "n", nfs: { server: "s", path: "/" } }],
        }))), "has type", 2);
    });
});

describe("k8s-no-host-path: PersistentVolumes (bypass)", () => {
    const pv = (spec: Record<string, unknown>) => res("kubernetes:core/v1:PersistentVolume", "pv", { metadata: { name: "pv" }, spec });
    it("passes a CSI PersistentVolume", () => {
        assertPasses(run(k8s.noHostPath, pv({ csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-1" }, capacity: { storage: "1Gi" } })));
    });
    it("fails a hostPath PersistentVolume", () => {
        assertFails(run(k8s.noHostPath, pv({ hostPath: { path: "/" }, capacity: { storage: "1Gi" } })), 'PersistentVolume "pv" is a hostPath volume (spec.hostPath "/")', 1);
    });
});

describe("k8s-image-registry-allowed and k8s-no-plaintext-credentials", () => {
    it("pass the program's images and settings that only look like credentials", () => {
        for (const image of ["registry.gitlab.com/verto/platform/frontend:1.0.0", "docker.io/library/mysql:8.4.11", "mysql:8.4.11",
            "amazon/aws-cli:2.22.35"]) {
            assertPasses(run(k8s.allowedRegistries, workload("Deployment", "b", goodPodSpec({ containers: [goodContainer("app", { image })] }))));
        }
        const env = [{ name: "TOKEN_TTL", value: "3600" }, { name: "SECRET_NAME", value: "registry-secret" }, { name: "PASSWORD_FILE", value: "/run/secrets/db" },
            { name: "DATABASE_PASSWORD", valueFrom: { secretKeyRef: { name: "verto-secret", key: "DATABASE_PASSWORD" } } },
            { name: "API_BASE_URL", value: "https://verto.com/api" }, { name: "JWT_SECRET", value: "$(JWT_SECRET_FROM_FILE)" }];
        assertPasses(run(k8s.noPlaintextCredentials, workload("Deployment", "b", goodPodSpec({ containers: [goodContainer("app", { env })] }))));
        assertPasses(run(k8s.noPlaintextCredentials, res("kubernetes:core/v1:ConfigMap", "c", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" },
            data: { "backup.sh": ": \"${MYSQL_PWD:?}\"\nexport MYSQL_PWD\n", DATABASE_USER: "verto" } })));
    });
    it("honour the stack's allowedRegistries", () => {
        const d = workload("Deployment", "b", goodPodSpec({ containers: [goodContainer("app", { image: "ghcr.io/verto/x:1.0.0" })], initContainers: [] }));
        assertPasses(run(k8s.allowedRegistries, d, { allowedRegistries: ["ghcr.io/verto"] }));
        assertFails(run(k8s.allowedRegistries, d, { allowedRegistries: ["ghcr.io/other"] }), "outside the allowed registries ghcr.io/other", 1);
    });
});
