// Attempts against the object, installer, RBAC, availability and Secret rules.

import { productionHpa, productionPdb } from "../../src/kubernetes/availability";
import { vpaNotAutoWithHpa } from "../../src/kubernetes/autoscaling";
import { noOpaqueInstallers } from "../../src/kubernetes/installers";
import { noDeprecatedApi, objectMatchesType } from "../../src/kubernetes/objects";
import { rbacNoBroadSubjects, rbacNoEscalation, rbacNoSecretsRead, rbacNoWildcards } from "../../src/kubernetes/rbac/rules";
import { secretNotPlaintext } from "../../src/kubernetes/secret";
import { APP_LABELS, hpa, k8sSecret, pdb, res, workload } from "../builders";
import { Attempt, against, againstStack } from "./attempt";

const RBAC = "rbac.authorization.k8s.io/v1";

function role(name: string, rules: unknown[], kind = "ClusterRole", extra: Record<string, unknown> = {}) {
    return res(`kubernetes:${RBAC}:${kind}`, name, { apiVersion: RBAC, kind: kind.replace(/Patch$/, ""), metadata: { name }, rules, ...extra });
}

function binding(name: string, roleRef: Record<string, string>, subjects: unknown[], kind = "ClusterRoleBinding") {
    return res(`kubernetes:${RBAC}:${kind}`, name, { apiVersion: RBAC, kind, metadata: { name, namespace: "verto" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef }, subjects });
}

export const clusterAttempts: Attempt[] = [
    against(objectMatchesType, "Deployment token carrying a DaemonSet", { ...workload("DaemonSet", "agent"), type: "kubernetes:apps/v1:Deployment" }, "its inputs say kind DaemonSet"),
    against(objectMatchesType, "same kind, older apiVersion than the token", (() => {
        const d = workload("Deployment", "w");
        (d.props as any).apiVersion = "apps/v1beta2";
        return d;
    })(), "apiVersion apps/v1beta2"),
    against(noDeprecatedApi, "policy/v1beta1 PodDisruptionBudget under a policy/v1 token", res("kubernetes:policy/v1:PodDisruptionBudget", "pdb", { apiVersion: "policy/v1beta1", kind: "PodDisruptionBudget", metadata: { name: "pdb" }, spec: {} }), "uses policy/v1beta1"),
    against(noDeprecatedApi, "PodSecurityPolicy that enforces nothing any more", res("kubernetes:policy/v1beta1:PodSecurityPolicy", "psp", { apiVersion: "policy/v1beta1", kind: "PodSecurityPolicy", metadata: { name: "psp" }, spec: {} }), "policy/v1beta1"),
    against(noDeprecatedApi, "extensions/v1beta1 Ingress in an IngressList", res("kubernetes:networking.k8s.io/v1:IngressList", "l", { items: [{ apiVersion: "extensions/v1beta1", kind: "Ingress", metadata: { name: "old" }, spec: {} }] }), 'Ingress "old" (in IngressList "l") uses extensions/v1beta1'),
    against(noOpaqueInstallers, "Helm Release installing a chart the pack never sees", res("kubernetes:helm.sh/v3:Release", "agent", { chart: "node-agent", repositoryOpts: { repo: "https://charts.example.com" } }), "installs Helm chart \"node-agent\""),
    against(noOpaqueInstallers, "YAML ConfigFile fetched from a URL", res("kubernetes:yaml/v2:ConfigFile", "operator", { file: "https://raw.githubusercontent.com/example/operator/main/deploy.yaml" }), "fetched when the program runs"),
    against(noOpaqueInstallers, "kubectl apply in a local Command", res("command:local:Command", "install", { create: "curl -sL https://example.com/x.yaml | kubectl apply -f -" }), "from a shell command"),
    against(rbacNoWildcards, "every verb spelled out", role("all-verbs", [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"] }]), "grants every verb"),
    against(rbacNoWildcards, "wildcard resource added by a ClusterRolePatch", role("view", [{ apiGroups: [""], resources: ["*"], verbs: ["get"] }], "ClusterRolePatch"), "grants wildcards"),
    against(rbacNoEscalation, "verbs * on the RBAC group (escalate and bind included)", role("rbac-admin", [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles", "roles"], verbs: ["*"] }]), "escalate clusterroles"),
    against(rbacNoEscalation, "exec through the pods/* subresource form", role("debugger", [{ apiGroups: [""], resources: ["pods/*"], verbs: ["create"] }], "Role"), "exec into pods"),
    against(rbacNoEscalation, "impersonation granted through apiGroups *", role("acting", [{ apiGroups: ["*"], resources: ["users", "groups"], verbs: ["impersonate"] }]), "impersonate users"),
    against(rbacNoEscalation, "aggregating the built-in admin role", role("super", [], "ClusterRole", { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } }] } }), "aggregates rbac.authorization.k8s.io/aggregate-to-admin"),
    against(rbacNoSecretsRead, "secrets readable through resources *", role("reader", [{ apiGroups: [""], resources: ["*"], verbs: ["list"] }]), "list every Secret"),
    against(rbacNoSecretsRead, "named get beside an unrestricted watch", role("reader", [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["app-tls"], verbs: ["get", "watch"] }], "Role"), "watch every Secret"),
    against(rbacNoBroadSubjects, "every ServiceAccount of a namespace through its system group", binding("read", { kind: "ClusterRole", name: "view" }, [{ kind: "Group", name: "system:serviceaccounts:verto" }], "RoleBinding"), "Group system:serviceaccounts:verto"),
    against(rbacNoBroadSubjects, "anonymous user bound to a harmless-looking role", binding("health", { kind: "ClusterRole", name: "health-reader" }, [{ kind: "User", name: "system:anonymous" }]), "User system:anonymous"),
    against(rbacNoBroadSubjects, "cluster-admin for one ServiceAccount", binding("ci", { kind: "ClusterRole", name: "cluster-admin" }, [{ kind: "ServiceAccount", name: "ci", namespace: "verto" }]), "grants cluster-admin"),
    againstStack(productionHpa, "Deployment registered under a custom token escapes the HPA requirement", [{ ...workload("Deployment", "api"), type: "kubernetes:verto.io/v1:Api" }], 'Deployment "api" has no HorizontalPodAutoscaler'),
    againstStack(productionHpa, "HPA aimed at kind deployment (lower case: targets nothing)", [workload("Deployment", "api"), hpa("api", "api", "verto", "deployment")], 'Deployment "api" has no HorizontalPodAutoscaler'),
    againstStack(productionPdb, "PDB that lets every pod go at once, spelled as a percentage", [workload("Deployment", "api"), hpa("api", "api"),
        (() => { const p = pdb("api", APP_LABELS); (p.props as any).spec = { maxUnavailable: "100%", selector: { matchLabels: APP_LABELS } }; return p; })()], "every pod may be evicted at once"),
    againstStack(productionPdb, "Deployment inside a DeploymentList", [res("kubernetes:apps/v1:DeploymentList", "l", { items: [workload("Deployment", "listed").props] })], 'Deployment "listed" has no PodDisruptionBudget'),
    againstStack(vpaNotAutoWithHpa, "Recreate mode instead of Auto", [hpa("api", "api"), res("kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler", "vpa", {
        metadata: { name: "vpa", namespace: "verto" }, spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" }, updatePolicy: { updateMode: "Recreate" } } })], "updateMode Recreate"),
    againstStack(vpaNotAutoWithHpa, "mode left unset beside an HPA without metrics (CPU by default)", [
        (() => { const h = hpa("api", "api"); delete (h.props as any).spec.metrics; return h; })(),
        res("kubernetes:verto.io/v1:Sizer", "vpa", { apiVersion: "autoscaling.k8s.io/v1", kind: "VerticalPodAutoscaler", metadata: { name: "vpa", namespace: "verto" }, spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" } } })],
    "updateMode unset (Auto)"),
    against(secretNotPlaintext, "Secret registered under a custom token", { ...k8sSecret("db", { password: "hunter2" }), type: "kubernetes:verto.io/v1:Credentials" }, "plaintext value(s) in stringData.password"),
    against(secretNotPlaintext, "Secret inside a SecretList", res("kubernetes:core/v1:SecretList", "l", { items: [k8sSecret("db", { password: "hunter2" }).props] }), 'Secret "db" (in SecretList "l") has plaintext value(s) in stringData.password'),
];
