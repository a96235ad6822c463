// IAM: no identity may be granted everything (or a service, an escalation path or every bucket's data) on every
// resource, however the statements spell it; no role may be assumable by strangers.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, isObject, peek, typeKind, violation } from "../../common/util";
import { Statement, parsePolicy } from "./document";
import { allowedBy, describePersona } from "./evaluate";
import { broadGrants } from "./grants";

const POLICY_DOCUMENT_TYPES = ["aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy"];
const ATTACHMENT_TYPES = ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment"];
const ROLE_TYPE = "aws:iam/role:Role";

/** AWS managed policies that grant administrator access or a whole service. */
const BROAD_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(.*\/)?(AdministratorAccess|PowerUserAccess|IAMFullAccess|[A-Za-z0-9]+FullAccess)$/;

/** Policy documents a resource carries, with where they sit. */
function documentsOf(type: string, props: unknown): [string, unknown][] {
    if (POLICY_DOCUMENT_TYPES.includes(type)) {
        return [["policy", peek(props, "policy")]];
    }
    if (type === ROLE_TYPE) {
        return asArray(peek(props, "inlinePolicies")).map((p, i) => [`inlinePolicies[${i}].policy`, isObject(p) ? p.policy : undefined]);
    }
    return [];
}

function managedArnsOf(type: string, props: unknown): string[] {
    if (ATTACHMENT_TYPES.includes(type)) {
        return [String(peek(props, "policyArn") ?? "")];
    }
    return type === ROLE_TYPE || type === "aws:iam/user:User" || type === "aws:iam/group:Group"
        ? asArray(peek(props, "managedPolicyArns")).map(String) : [];
}

const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession"];

/** Who outside the account can assume the role, or undefined. Web identity trust must pin the token's subject. */
export function trustProblems(statements: readonly Statement[]): string[] {
    const out: string[] = [];
    for (const persona of [{ kind: "anonymous" as const }, { kind: "account" as const }]) {
        for (const action of ASSUME_ACTIONS) {
            const s = allowedBy(statements, persona, action, "arn:aws:iam::000000000000:role/this");
            if (s) {
                out.push(`${s.label} lets ${describePersona(persona)} ${action}`);
                break;
            }
        }
    }
    for (const s of statements.filter(x => x.effect === "Allow" && (x.principal?.federated.length ?? 0) > 0)) {
        const pinned = s.conditions.some(c => /:sub$/.test(c.key) && /^(StringEquals|StringLike)$/i.test(c.base) && !c.ifExists
            && c.values.length > 0 && c.values.every(v => !/^[*?]|:\*$|^[^:]*:\*/.test(v) && v !== "*"));
        if (!pinned) {
            out.push(`${s.label} trusts ${s.principal!.federated.join(", ")} without pinning the token's subject (<provider>:sub): `
                + "every identity of that provider can assume the role");
        }
    }
    return [...new Set(out)];
}

export const iamNoWildcardGrants: ResourceValidationPolicy = {
    name: "iam-no-wildcard-grants",
    description: describe(
        "IAM policies must not grant, on every resource, every action, every action of a service, privilege "
        + "escalation or every bucket's data (however split across statements or spelled with NotAction); roles must not "
        + "be assumable by strangers.",
        "grant the actions the identity needs on the ARNs it needs; use specific managed policies, not *FullAccess or "
        + "AdministratorAccess; trust named principals, and pin web identity trust to a subject.",
        "CKV_AWS_1, CKV_AWS_60, CKV_AWS_62, CKV_AWS_63, CKV_AWS_286, CKV_AWS_355"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const label = `${typeKind(args.type)} "${args.name}"`;
        const why = "a leaked credential or a compromised pod with this identity reaches far beyond what it needs: the whole "
            + "account, or a way to grant itself that";
        for (const [where, doc] of documentsOf(args.type, args.props)) {
            const statements = parsePolicy(doc);
            if (!Array.isArray(statements)) {
                continue;
            }
            for (const grant of broadGrants(statements)) {
                report(violation(`${label}: ${where} grants ${grant}`, why, "list the actions it needs on the ARNs it needs"));
            }
        }
        for (const arn of managedArnsOf(args.type, args.props).filter(a => BROAD_MANAGED.test(a))) {
            report(violation(`${label} attaches the AWS managed policy ${arn}`, why, "attach a policy with the actions and ARNs it needs"));
        }
        if (args.type === ROLE_TYPE) {
            const trust = parsePolicy(peek(args.props, "assumeRolePolicy"));
            for (const problem of Array.isArray(trust) ? trustProblems(trust) : []) {
                report(violation(`${label}: assumeRolePolicy ${problem}`, "whoever can assume the role holds all its permissions",
                    "trust named principals (accounts, roles, services) and pin web identity tokens with StringEquals <provider>:sub"));
            }
        }
    },
};
