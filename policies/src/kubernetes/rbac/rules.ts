// RBAC rules: no wildcards, no escalation paths, no secret reading, no bindings to everyone.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, isObject, peek, rawOf, violation } from "../../common/util";
import { K8sObject, objectsOf } from "../model/object";
import { Permission, STANDARD_VERBS, grantingRule, isBinding, isRole, rulesOf } from "./permissions";

function rbacPolicy(name: string, description: string, pick: (o: K8sObject) => boolean,
    check: (o: K8sObject, say: (what: string) => void) => void, why: string, fix: string): ResourceValidationPolicy {
    return {
        name,
        description,
        enforcementLevel: "mandatory",
        validateResource: (args, report) => {
            for (const o of objectsOf(args.type, args.props, args.name).filter(pick)) {
                check(o, what => report(violation(what, why, fix)));
            }
        },
    };
}

export const rbacNoWildcards = rbacPolicy(
    "k8s-rbac-no-wildcards",
    describe(
        "Roles and ClusterRoles must not grant wildcards (verbs, resources, apiGroups or nonResourceURLs) or every verb.",
        "list the apiGroups, resources and verbs the subject needs.",
        "CKV_K8S_49, Kyverno restrict-wildcard-verbs, restrict-wildcard-resources, CIS 5.1.3"),
    isRole,
    (o, say) => {
        for (const r of rulesOf(o)) {
            const wild = (["apiGroups", "resources", "verbs", "nonResourceURLs"] as const)
                .filter(k => r[k].some(v => v.includes("*"))).map(k => `${k} ${JSON.stringify(r[k])}`);
            if (wild.length > 0) {
                say(`${o.label}: rules[${r.index}] grants wildcards (${wild.join(", ")})`);
            } else if (STANDARD_VERBS.every(v => r.verbs.includes(v))) {
                say(`${o.label}: rules[${r.index}] grants every verb on ${r.resources.join(", ")}`);
            }
        }
    },
    "a wildcard also grants every resource and verb added later (secrets, escalate, impersonate ...)",
    "replace the wildcards with the apiGroups, resources and verbs the subject needs");

/** Permissions that let a subject gain more than it holds. */
const ESCALATIONS: [Permission, string][] = [
    [{ group: "rbac.authorization.k8s.io", resource: "roles", verb: "escalate" }, "escalate roles"],
    [{ group: "rbac.authorization.k8s.io", resource: "clusterroles", verb: "escalate" }, "escalate clusterroles"],
    [{ group: "rbac.authorization.k8s.io", resource: "roles", verb: "bind" }, "bind roles"],
    [{ group: "rbac.authorization.k8s.io", resource: "clusterroles", verb: "bind" }, "bind clusterroles"],
    [{ group: "", resource: "users", verb: "impersonate" }, "impersonate users"],
    [{ group: "", resource: "groups", verb: "impersonate" }, "impersonate groups"],
    [{ group: "", resource: "serviceaccounts", verb: "impersonate" }, "impersonate serviceaccounts"],
    [{ group: "authentication.k8s.io", resource: "uids", verb: "impersonate" }, "impersonate uids"],
    [{ group: "", resource: "serviceaccounts/token", verb: "create" }, "create service account tokens"],
    ...["update", "patch"].map((verb): [Permission, string] =>
        [{ group: "certificates.k8s.io", resource: "certificatesigningrequests/approval", verb }, "approve CertificateSigningRequests"]),
    [{ group: "certificates.k8s.io", resource: "signers", verb: "approve" }, "approve for signers"],
    ...["mutatingwebhookconfigurations", "validatingwebhookconfigurations"].flatMap(resource => ["create", "update", "patch"]
        .map((verb): [Permission, string] => [{ group: "admissionregistration.k8s.io", resource, verb }, `${verb} admission webhooks`])),
    [{ group: "", resource: "nodes/proxy", verb: "get" }, "reach kubelets through nodes/proxy"],
    [{ group: "", resource: "pods/exec", verb: "create" }, "exec into pods"],
    [{ group: "", resource: "pods/attach", verb: "create" }, "attach to pods"],
];

/** Labels that aggregate a ClusterRole's rules into the built-in admin/edit/view roles. */
const BUILT_IN_AGGREGATION = /^rbac\.authorization\.k8s\.io\/aggregate-to-(admin|edit|view)$/;

export const rbacNoEscalation = rbacPolicy(
    "k8s-rbac-no-escalation",
    describe(
        "Roles and ClusterRoles must not grant escalate, bind, impersonate, token creation, CSR approval, admission "
        + "webhook control, nodes/proxy or pods/exec, and ClusterRoles must not aggregate built-in roles.",
        "remove those permissions; give controllers that need them a dedicated, reviewed ClusterRole outside the "
        + "application stack.",
        "CKV_K8S_155, CKV_K8S_156, CKV_K8S_157, CKV_K8S_158, Kyverno restrict-escalation-verbs-roles, "
        + "restrict-clusterrole-nodesproxy, Polaris clusterrolePodExecAttach, CIS 5.1.8"),
    isRole,
    (o, say) => {
        const rules = rulesOf(o);
        const byRule = new Map<number, Set<string>>();
        for (const [p, what] of ESCALATIONS) {
            const g = grantingRule(rules, p);
            if (g && !g.named) {
                byRule.set(g.rule.index, (byRule.get(g.rule.index) ?? new Set()).add(what));
            }
        }
        for (const [index, whats] of byRule) {
            say(`${o.label}: rules[${index}] lets its subjects ${[...whats].join(", ")}`);
        }
        const selectors = asArray(peek(peek(rawOf(o.body), "aggregationRule"), "clusterRoleSelectors"));
        for (const sel of selectors) {
            const labels = isObject(sel) && isObject(sel.matchLabels) ? Object.keys(sel.matchLabels) : [];
            const exprs = isObject(sel) ? asArray(sel.matchExpressions) : [];
            if ((labels.length === 0 && exprs.length === 0) || labels.some(k => BUILT_IN_AGGREGATION.test(k))) {
                say(`${o.label} aggregates ${labels.length === 0 && exprs.length === 0 ? "every ClusterRole" : labels.join(", ")}: `
                    + "it will hold the permissions of the built-in roles it selects");
            }
        }
    },
    "each of these lets a subject reach permissions it was not given: cluster-admin through a binding or an "
    + "impersonated user, every pod's secrets through exec, the nodes through the kubelet API",
    "remove the permission from the role");

export const rbacNoSecretsRead = rbacPolicy(
    "k8s-rbac-no-secrets-read",
    describe(
        "Roles and ClusterRoles must not let their subjects read Secrets (get without resourceNames, list, watch).",
        "mount the Secrets a workload needs instead of reading them through the API; limit get to named Secrets "
        + "with resourceNames when a controller must.",
        "Kyverno restrict-secret-role-verbs, CIS 5.1.2"),
    isRole,
    (o, say) => {
        const rules = rulesOf(o);
        for (const verb of ["get", "list", "watch"]) {
            const g = grantingRule(rules, { group: "", resource: "secrets", verb });
            if (g && !g.named) {
                say(`${o.label}: rules[${g.rule.index}] lets its subjects ${verb} every Secret${o.kind === "ClusterRole" ? " of every namespace it is bound in" : " of its namespace"}`);
            }
        }
    },
    "Secrets hold the credentials of every workload in reach: list and watch return their values",
    "remove get/list/watch on secrets, or limit get to named Secrets with resourceNames");

const BROAD_GROUPS = /^system:(authenticated|unauthenticated|serviceaccounts(:.*)?)$/;

export const rbacNoBroadSubjects = rbacPolicy(
    "k8s-rbac-no-broad-subjects",
    describe(
        "RoleBindings and ClusterRoleBindings must not bind everyone (system:authenticated, system:unauthenticated, "
        + "system:anonymous, every ServiceAccount) or grant cluster-admin.",
        "bind named ServiceAccounts, users or groups to a role with only what they need.",
        "Kyverno restrict-binding-system-groups, restrict-binding-clusteradmin, Polaris clusterrolebindingClusterAdmin, CIS 5.1.1"),
    isBinding,
    (o, say) => {
        const body = rawOf(o.body);
        const roleRef = peek(body, "roleRef");
        const roleName = isObject(roleRef) ? String(roleRef.name) : "(unknown)";
        if (isObject(roleRef) && roleRef.kind === "ClusterRole" && roleRef.name === "cluster-admin") {
            say(`${o.label} grants cluster-admin: its subjects will control the whole cluster`);
        }
        for (const s of asArray(peek(body, "subjects")).filter(isObject)) {
            const broad = (s.kind === "Group" && BROAD_GROUPS.test(String(s.name)))
                || (s.kind === "User" && (s.name === "system:anonymous" || s.name === "system:unauthenticated"));
            if (broad) {
                say(`${o.label} binds ${isObject(roleRef) ? roleRef.kind : "role"} "${roleName}" to ${s.kind} ${s.name}: everyone in it gets the role`);
            }
        }
    },
    "a binding to a system group hands the role to every user, every ServiceAccount of the cluster (or namespace), "
    + "or anonymous callers; cluster-admin is every permission there is",
    "bind named ServiceAccounts or users instead, to a role with only what they need");

export const rbacPolicies: ResourceValidationPolicy[] = [rbacNoWildcards, rbacNoEscalation, rbacNoSecretsRead, rbacNoBroadSubjects];
