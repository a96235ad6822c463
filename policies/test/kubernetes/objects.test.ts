// Normalisation of Kubernetes resources: objects by their inputs, Lists, patches, pod templates in custom resources,
// installers; and the rules about the object itself.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { objectsOf } from "../../src/kubernetes/model/object";
import { podTemplatesOf } from "../../src/kubernetes/model/pods";
import { noOpaqueInstallers } from "../../src/kubernetes/installers";
import { noDeprecatedApi, objectMatchesType } from "../../src/kubernetes/objects";
import { resourcePolicies } from "../../src/policies";
import { assertFails, assertPasses, resourceDiagnostics as run } from "../assertions";
import { goodPodSpec, res, workload } from "../builders";
import { analyzerProps } from "../harness";

describe("objects of a resource", () => {
    it("takes kind and apiVersion from the inputs and reports a token that disagrees", () => {
        const [o] = objectsOf("kubernetes:verto.io/v1:Harmless", analyzerProps({ apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "x" } }), "r");
        assert.equal(o.kind, "DaemonSet");
        assert.equal(o.group, "apps");
        assert.match(o.mismatch!, /inputs say kind DaemonSet and apiVersion apps\/v1/);
        const [core] = objectsOf("kubernetes:core/v1:Service", analyzerProps({ apiVersion: "v1", kind: "Service" }), "s");
        assert.equal(core.mismatch, undefined);
    });
    it("expands Lists, marks patches, and skips installers and other providers", () => {
        const list = objectsOf("kubernetes:apps/v1:DeploymentList", analyzerProps({ items: [{ kind: "Deployment", metadata: { name: "a" } }, { metadata: { name: "b" } }] }), "l");
        assert.deepEqual(list.map(o => `${o.kind}/${o.name}`), ["Deployment/a", "Deployment/b"]);
        const [p] = objectsOf("kubernetes:apps/v1:DeploymentPatch", analyzerProps({ kind: "Deployment", metadata: { name: "a" } }), "p");
        assert.equal(p.patch, true);
        assert.equal(p.label, 'DeploymentPatch "a"');
        assert.deepEqual(objectsOf("kubernetes:helm.sh/v3:Release", analyzerProps({ chart: "x" }), "h"), []);
        assert.deepEqual(objectsOf("aws:s3/bucketV2:BucketV2", analyzerProps({}), "b"), []);
    });
    it("finds pod templates in custom resources, nowhere in other built-in kinds", () => {
        const rollout = podTemplatesOf("kubernetes:argoproj.io/v1alpha1:Rollout", analyzerProps({ kind: "Rollout", apiVersion: "argoproj.io/v1alpha1",
            spec: { template: { metadata: { labels: { a: "b" } }, spec: goodPodSpec() } } }), "r");
        assert.deepEqual(rollout.map(t => t.path), ["spec.template.spec"]);
        const workflow = podTemplatesOf("kubernetes:argoproj.io/v1alpha1:Workflow", analyzerProps({ kind: "Workflow", apiVersion: "argoproj.io/v1alpha1",
            spec: { templates: [{ name: "a", container: { image: "x:1.0.0" } }, { name: "b", steps: [] }] } }), "w");
        assert.equal(workflow.length, 1);
        assert.equal(podTemplatesOf("kubernetes:core/v1:ConfigMap", analyzerProps({ kind: "ConfigMap", data: { x: "y" }, spec: { containers: [{}] } }), "c").length, 0);
        const vpa = podTemplatesOf("kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler", analyzerProps({ kind: "VerticalPodAutoscaler",
            apiVersion: "autoscaling.k8s.io/v1", spec: { resourcePolicy: { containerPolicies: [{ containerName: "x" }] } } }), "v");
        assert.equal(vpa.length, 0);
    });
    it("a compliant custom resource with a pod template passes every resource rule", () => {
        const cr = res("kubernetes:argoproj.io/v1alpha1:Rollout", "web", { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout",
            metadata: { name: "web", namespace: "verto" }, spec: { template: { metadata: { labels: { a: "b" } }, spec: goodPodSpec() } } });
        for (const p of resourcePolicies) {
            assertPasses(run(p, cr));
        }
    });
});

describe("k8s-object-matches-type and k8s-no-deprecated-api", () => {
    it("pass objects registered under their own token at a served version", () => {
        assertPasses(run(objectMatchesType, workload("Deployment", "w")));
        assertPasses(run(noDeprecatedApi, workload("CronJob", "c")));
    });
    it("refuse a token that names another kind and a removed version", () => {
        assertFails(run(objectMatchesType, { ...workload("Pod", "p"), type: "kubernetes:core/v1:Service" }), "the provider will create a v1 Pod", 1);
        assertFails(run(noDeprecatedApi, res("kubernetes:batch/v1beta1:CronJob", "c", { apiVersion: "batch/v1beta1", kind: "CronJob" })), "removed in Kubernetes 1.25", 1);
    });
});

describe("k8s-no-opaque-installers", () => {
    it("passes installers whose objects are registered one by one", () => {
        assertPasses(run(noOpaqueInstallers, res("kubernetes:helm.sh/v4:Chart", "c", { chart: "./charts/app" })));
        assertPasses(run(noOpaqueInstallers, res("kubernetes:yaml/v2:ConfigFile", "f", { file: "manifests/app.yaml" })));
        assertPasses(run(noOpaqueInstallers, res("command:local:Command", "c", { create: "echo kubectl is not run here" })));
    });
    it("refuses a remote kustomization", () => {
        assertFails(run(noOpaqueInstallers, res("kubernetes:kustomize/v2:Directory", "k", { directory: "github.com/example/app//deploy?ref=main" })), "remote kustomization", 1);
    });
});
