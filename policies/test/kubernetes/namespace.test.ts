import { describe, it } from "node:test";
import * as stack from "../../src/kubernetes/namespace";
import { assertFails, assertPasses, assertUndecided, stackDiagnostics as run } from "../assertions";
import { defaultDeny, namespace, quota, res, workload } from "../builders";
import { UNKNOWN_STRING } from "../harness";

describe("k8s-namespace-default-deny", () => {
    it("passes with a default-deny policy in the namespace (explicit ingress/egress: [] accepted)", () => {
        assertPasses(run(stack.namespaceDefaultDeny, [namespace("verto"), defaultDeny("verto")]));
        assertPasses(run(stack.namespaceDefaultDeny, [namespace("verto"), defaultDeny("verto", { ingress: [], egress: [] })]));
    });
    it("fails without any NetworkPolicy", () => {
        assertFails(run(stack.namespaceDefaultDeny, [namespace("verto")]), 'Namespace "verto" has no default-deny NetworkPolicy', 1);
    });
    it("fails when the policy is in another namespace", () => {
        assertFails(run(stack.namespaceDefaultDeny, [namespace("verto"), namespace("monitoring"), defaultDeny("verto")]),
            'Namespace "monitoring"', 1);
    });
    it("fails when the policy selects some pods, misses Egress, or allows traffic", () => {
        for (const spec of [
            { podSelector: { matchLabels: { app: "web" } } },
            { policyTypes: ["Ingress"] },
            { ingress: [{ from: [{ podSelector: {} }] }] },
        ]) {
            assertFails(run(stack.namespaceDefaultDeny, [namespace("verto"), defaultDeny("verto", spec)]), "default-deny", 1);
        }
        // An allow-all rule is also named on its own (it would cancel any other default deny).
        assertFails(run(stack.namespaceDefaultDeny, [namespace("verto"), defaultDeny("verto", { egress: [{}] })]), "default-deny", 2);
    });
    it("uses the resource name for autonamed namespaces", () => {
        assertPasses(run(stack.namespaceDefaultDeny, [namespace("apps", undefined), defaultDeny("apps")]));
        assertFails(run(stack.namespaceDefaultDeny, [namespace("apps", undefined)]), 'Namespace "apps"', 1);
    });
    it("uses the provider's namespace, else default, for objects without metadata.namespace", () => {
        const np = defaultDeny("x");
        delete (np.props as any).metadata.namespace;
        assertPasses(run(stack.namespaceDefaultDeny, [namespace("default"), np]));
        const provider = res("pulumi:providers:kubernetes", "k8s", { namespace: "verto" });
        assertPasses(run(stack.namespaceDefaultDeny, [provider, namespace("verto"), { ...np, provider: provider.urn }]));
    });
    it("links by property dependencies when the namespace is unknown (preview), else stays undecided", () => {
        const ns = namespace("verto");
        const np = defaultDeny("verto");
        (np.props as any).metadata.namespace = UNKNOWN_STRING;
        assertUndecided(run(stack.namespaceDefaultDeny, [ns, np]));
        assertPasses(run(stack.namespaceDefaultDeny, [ns, { ...np, propertyDependencies: { metadata: [ns.urn!] } }]));
    });
});

describe("k8s-namespace-resource-quota", () => {
    it("passes with a quota in each namespace", () => {
        assertPasses(run(stack.namespaceResourceQuota, [namespace("verto"), quota("verto"), namespace("ops"), quota("ops")]));
    });
    it("fails for a namespace without a quota", () => {
        assertFails(run(stack.namespaceResourceQuota, [namespace("verto"), quota("verto"), namespace("ops")]),
            'Namespace "ops" has no ResourceQuota', 1);
    });
});

describe("namespaces the stack does not declare (bypass)", () => {
    const d = workload("Deployment", "b", undefined, "elsewhere");
    it("a workload in an undeclared namespace needs a default deny, a quota, and fails the Pod Security check", () => {
        assertFails(run(stack.namespaceDefaultDeny, [d]), 'Namespace "elsewhere" (not declared in this stack, used by Deployment "b") has no default-deny', 1);
        assertFails(run(stack.namespaceResourceQuota, [d]), 'Namespace "elsewhere" (not declared in this stack, used by Deployment "b") has no ResourceQuota', 1);
        assertFails(run(stack.namespacePodSecurity, [d]), "Pod Security level cannot be checked", 1);
    });
    it("passes the network and quota rules when the stack brings them for that namespace", () => {
        assertPasses(run(stack.namespaceDefaultDeny, [d, defaultDeny("elsewhere")]));
        assertPasses(run(stack.namespaceResourceQuota, [d, quota("elsewhere")]));
    });
});

describe("k8s-namespace-default-deny: an allow-all policy cancels the default deny (bypass)", () => {
    it("fails and names the allow-all policy", () => {
        const allowAll = res("kubernetes:networking.k8s.io/v1:NetworkPolicy", "open", {
            metadata: { name: "open", namespace: "verto" }, spec: { podSelector: {}, ingress: [{}] },
        });
        assertFails(run(stack.namespaceDefaultDeny, [namespace("verto"), defaultDeny("verto"), allowAll]),
            'Namespace "verto": NetworkPolicy "open" spec.ingress[0] is a rule without from and ports', 1);
    });
});

describe("k8s-namespace-resource-quota: an empty quota (bypass)", () => {
    it("fails spec: {} and zero limits, naming the quota, even with a good one beside it", () => {
        const empty = res("kubernetes:core/v1:ResourceQuota", "empty", { metadata: { name: "empty", namespace: "verto" }, spec: {} });
        assertFails(run(stack.namespaceResourceQuota, [namespace("verto"), quota("verto"), empty]),
            'ResourceQuota "empty" sets no positive spec.hard requests.cpu, requests.memory, limits.cpu, limits.memory', 1);
        const zero = quota("verto");
        (zero.props as any).spec.hard["limits.cpu"] = "0";
        assertFails(run(stack.namespaceResourceQuota, [namespace("verto"), zero]), "limits.cpu", 1);
    });
});

describe("k8s-namespace-pod-security", () => {
    const labelled = (level?: string) => {
        const ns = namespace("verto");
        (ns.props as any).metadata.labels = level ? { "pod-security.kubernetes.io/enforce": level } : {};
        return ns;
    };
    it("passes a restricted namespace with its workloads", () => {
        assertPasses(run(stack.namespacePodSecurity, [labelled("restricted"), workload("Deployment", "b")]));
    });
    it("fails baseline, privileged or missing labels, and a NamespacePatch lowering the level", () => {
        assertFails(run(stack.namespacePodSecurity, [labelled("privileged")]), "enforce: privileged", 1);
        assertFails(run(stack.namespacePodSecurity, [labelled()]), "enforce: (unset)", 1);
        assertFails(run(stack.namespacePodSecurity, [res("kubernetes:core/v1:NamespacePatch", "kube-system", {
            metadata: { name: "kube-system", labels: { "pod-security.kubernetes.io/enforce": "privileged" } },
        })]), 'NamespacePatch "kube-system"', 1);
    });
});
