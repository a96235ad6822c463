// What an identity policy effectively grants, tried against sample actions and "any resource" samples, so that
// split statements, NotAction and wildcards in any spelling are judged by the access they add up to.

import type { Statement } from "./document";
import { identityGrants } from "./evaluate";

/** Services whose service-wide grant on every resource is always reported, besides those the policy names. */
const SENSITIVE_SERVICES = ["iam", "sts", "s3", "kms", "ec2", "lambda", "secretsmanager", "ssm", "dynamodb", "rds",
    "organizations", "cloudtrail", "logs", "eks", "ecr"];

/** One action of many services: granting all of them on every resource is being an administrator. */
const ADMIN_SAMPLE = ["iam:CreateUser", "iam:PassRole", "sts:AssumeRole", "s3:GetObject", "ec2:RunInstances",
    "kms:Decrypt", "lambda:CreateFunction", "secretsmanager:GetSecretValue", "organizations:LeaveOrganization",
    "cloudtrail:StopLogging", "zzunlisted:ZzUnlistedAction"];

/** Actions that let an identity raise its own permissions, when granted on every resource. */
export const ESCALATION_ACTIONS = ["iam:PassRole", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
    "iam:AttachUserPolicy", "iam:AttachRolePolicy", "iam:AttachGroupPolicy", "iam:PutUserPolicy", "iam:PutRolePolicy",
    "iam:PutGroupPolicy", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
    "iam:UpdateAssumeRolePolicy", "iam:AddUserToGroup", "sts:AssumeRole"];

/** Reads and writes of data that, on every resource, reach every bucket, secret or key of the account. */
export const DATA_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "secretsmanager:GetSecretValue",
    "kms:Decrypt", "ssm:GetParameter", "dynamodb:Scan"];

/** A resource of `service` that no policy names: matched only by "every resource" patterns. */
export function anyResource(service: string): string {
    switch (service) {
        case "s3": return "arn:aws:s3:::zz-any-bucket/zz-any-key";
        case "iam": return "arn:aws:iam::000000000000:role/zz-any";
        default: return `arn:aws:${service}:zz-region-1:000000000000:zz-any/zz-any`;
    }
}

function serviceOf(action: string): string {
    return action.substring(0, action.indexOf(":")).toLowerCase();
}

/** What the policy grants on every resource that an identity should never hold, as phrases for a message. */
export function broadGrants(statements: readonly Statement[]): string[] {
    const grants = (action: string) => identityGrants(statements, action, anyResource(serviceOf(action)));
    if (ADMIN_SAMPLE.every(grants)) {
        return ["every action of every service on every resource (administrator)"];
    }
    const out: string[] = [];
    const named = statements.flatMap(s => s.action.list).map(a => (a.includes(":") ? serviceOf(a) : "")).filter(s => /^[a-z0-9-]+$/.test(s));
    for (const service of [...new Set([...SENSITIVE_SERVICES, ...named])]) {
        if (grants(`${service}:ZzUnlistedAction`)) {
            out.push(`every ${service} action on every resource`);
        }
    }
    const covered = (a: string) => out.some(o => o.startsWith(`every ${serviceOf(a)} action`));
    const escalations = ESCALATION_ACTIONS.filter(a => !covered(a) && grants(a));
    if (escalations.length > 0) {
        out.push(`${escalations.join(", ")} on every resource (privilege escalation)`);
    }
    const data = DATA_ACTIONS.filter(a => !covered(a) && grants(a));
    if (data.length > 0) {
        out.push(`${data.join(", ")} on every resource (every bucket, secret or key of the account)`);
    }
    return out;
}
