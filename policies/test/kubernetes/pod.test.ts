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
    it("ignores other resource types and Patch variants", () => {
        assertPasses(run(k8s.noPrivileged, res("kubernetes:core/v1:ConfigMap", "cm", { data: { a: "b" } })));
        assertPasses(run(k8s.noPrivileged, res("kubernetes:apps/v1:DeploymentPatch", "p", {
            spec: { template: { spec: { containers: [{ name: "x", securityContext: { privileged: true } }] } } },
        })));
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
