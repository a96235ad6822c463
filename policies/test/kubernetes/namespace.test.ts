import { describe, it } from "node:test";
import * as stack from "../../src/kubernetes/namespace";
import { assertFails, assertPasses, assertUndecided, stackDiagnostics as run } from "../assertions";
import { defaultDeny, namespace, quota, res } from "../builders";
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
            { egress: [{}] },
        ]) {
            assertFails(run(stack.namespaceDefaultDeny, [namespace("verto"), defaultDeny("verto", spec)]), "default-deny", 1);
        }
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
