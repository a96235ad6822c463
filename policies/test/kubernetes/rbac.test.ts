import { describe, it } from "node:test";
import * as rbac from "../../src/kubernetes/rbac/rules";
import { assertFails, assertPasses, resourceDiagnostics as run } from "../assertions";
import { res } from "../builders";

const RBAC = "rbac.authorization.k8s.io/v1";
const role = (rules: unknown[], kind = "Role") => res(`kubernetes:${RBAC}:${kind}`, "r", { apiVersion: RBAC, kind, metadata: { name: "r", namespace: "verto" }, rules });

describe("RBAC rules", () => {
    const readOnly = role([{ apiGroups: [""], resources: ["pods", "services", "configmaps"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["apps"], resources: ["deployments", "replicasets"], verbs: ["get", "list", "watch"] }]);
    it("pass the program's read-only role and a binding to a named ServiceAccount", () => {
        for (const p of rbac.rbacPolicies) {
            assertPasses(run(p, readOnly));
        }
        assertPasses(run(rbac.rbacNoBroadSubjects, res(`kubernetes:${RBAC}:RoleBinding`, "b", { apiVersion: RBAC, kind: "RoleBinding", metadata: { name: "b" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" }, subjects: [{ kind: "ServiceAccount", name: "verto", namespace: "verto" }] })));
    });
    it("accept a get limited to named Secrets", () => {
        assertPasses(run(rbac.rbacNoSecretsRead, role([{ apiGroups: [""], resources: ["secrets"], resourceNames: ["tls"], verbs: ["get"] }])));
    });
    it("refuse the plain forms", () => {
        assertFails(run(rbac.rbacNoWildcards, role([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }], "ClusterRole")), "grants wildcards", 1);
        assertFails(run(rbac.rbacNoEscalation, role([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["bind", "escalate"] }])), "escalate roles, bind roles", 1);
        assertFails(run(rbac.rbacNoSecretsRead, role([{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }])), "list every Secret", 1);
    });
});
