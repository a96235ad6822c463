// Policy evaluation the way IAM does it, for callers that are not ours ("personas"): an anonymous caller, a
// principal of another AWS account, and another account's resource acting through an AWS service principal (e.g.
// someone else's CloudFront distribution). A request is allowed when an Allow statement applies and no Deny
// statement surely applies; conditions on keys the caller controls (aws:SecureTransport, aws:Referer ...) apply or
// not as the caller likes.

import { globMatch } from "../../common/glob";
import { KeyValue, Result, allOf, clauseResult } from "./conditions";
import type { Principals, Statement } from "./document";

export type Persona =
    | { kind: "anonymous" }
    | { kind: "account" }
    | { kind: "service"; service: string };

const PRINCIPAL_KEYS = /^aws:(principalarn|principalaccount|principalorgid|principalorgpaths|principaltag\/.*|username|sourceidentity)$/;
const SOURCE_KEYS = /^aws:(sourcearn|sourceaccount|sourceowner|sourceorgid|sourceorgpaths)$/;
const NETWORK_KEYS = /^aws:(sourcevpc|sourcevpce|sourcevpcarn|vpcsourceip)$/;

/** What a condition key holds for a persona. */
export function keyValue(key: string, p: Persona): KeyValue {
    if (key === "aws:sourceip") {
        // A service calls from its own shared addresses: another account's distribution matches any range ours does.
        return p.kind === "service" ? { kind: "free" } : { kind: "ip" };
    }
    if (NETWORK_KEYS.test(key)) {
        return { kind: "absent" };
    }
    if (key === "aws:principaltype") {
        return p.kind === "anonymous" ? { kind: "value", value: "Anonymous" } : p.kind === "service" ? { kind: "absent" } : { kind: "foreign" };
    }
    if (key === "aws:userid") {
        return p.kind === "anonymous" ? { kind: "value", value: "anonymous" } : p.kind === "service" ? { kind: "absent" } : { kind: "foreign" };
    }
    if (key === "aws:principalisawsservice") {
        return { kind: "value", value: p.kind === "service" ? "true" : "false" };
    }
    if (key === "aws:principalservicename") {
        return p.kind === "service" ? { kind: "value", value: p.service } : { kind: "absent" };
    }
    if (PRINCIPAL_KEYS.test(key)) {
        return p.kind === "account" ? { kind: "foreign" } : { kind: "absent" };
    }
    if (SOURCE_KEYS.test(key)) {
        return p.kind === "service" ? { kind: "foreign" } : { kind: "absent" };
    }
    if (key === "s3:x-amz-server-side-encryption-aws-kms-key-id") {
        return { kind: "foreign" };
    }
    return { kind: "free" };
}

function principalsCover(ps: Principals, p: Persona): boolean {
    if (ps.any) {
        return true;
    }
    if (p.kind === "account") {
        return ps.aws.some(a => a.includes("*"));
    }
    return p.kind === "service" && ps.service.includes(p.service);
}

/** Does the statement's Principal (or NotPrincipal) take in this persona? */
export function principalMatches(s: Statement, p: Persona): boolean {
    if (s.notPrincipal) {
        return true; // everyone but the principals it names, none of which is a stranger
    }
    return s.principal !== undefined && principalsCover(s.principal, p);
}

// A statement without Action or Resource is malformed and AWS refuses the document; judged on its face, a missing
// element reads as "everything" in an Allow and "nothing" in a Deny, the unsafe way in both.

export function actionMatches(s: Statement, action: string): boolean {
    if (s.action.list.length === 0 && !s.action.not) {
        return s.effect === "Allow";
    }
    const hit = s.action.list.some(a => globMatch(a, action, true));
    return s.action.not ? !hit : hit;
}

export function resourceMatches(s: Statement, resource: string): boolean {
    if (s.resource.list.length === 0 && !s.resource.not) {
        return s.effect === "Allow";
    }
    const hit = s.resource.list.some(r => globMatch(r, resource));
    return s.resource.not ? !hit : hit;
}

export function conditionResult(s: Statement, p: Persona): Result {
    return allOf(s.conditions.map(c => clauseResult(c, keyValue(c.key, p))));
}

/** The Allow statement that lets the persona do `action` on `resource`, unless a Deny surely stops it. */
export function allowedBy(statements: readonly Statement[], p: Persona, action: string, resource: string): Statement | undefined {
    const applies = (s: Statement) => principalMatches(s, p) && actionMatches(s, action) && resourceMatches(s, resource);
    const denied = statements.some(s => s.effect === "Deny" && applies(s) && conditionResult(s, p) === "true");
    return denied ? undefined : statements.find(s => s.effect === "Allow" && applies(s) && conditionResult(s, p) !== "false");
}

/**
 * Does an identity policy grant `action` on `resource` to the identity it is attached to? Conditions may hold, so a
 * conditional Allow grants; only an unconditional Deny takes a grant away.
 */
export function identityGrants(statements: readonly Statement[], action: string, resource: string): boolean {
    const applies = (s: Statement) => actionMatches(s, action) && resourceMatches(s, resource);
    return statements.some(s => s.effect === "Allow" && applies(s))
        && !statements.some(s => s.effect === "Deny" && applies(s) && s.conditions.length === 0);
}

/** The personas worth trying against a resource policy: strangers, and each AWS service it names. */
export function personasOf(statements: readonly Statement[]): Persona[] {
    const services = new Set(statements.flatMap(s => s.principal?.service ?? []));
    return [{ kind: "anonymous" }, { kind: "account" }, ...[...services].map(service => ({ kind: "service" as const, service }))];
}

export function describePersona(p: Persona): string {
    switch (p.kind) {
        case "anonymous": return "anonymous callers";
        case "account": return "principals of any AWS account";
        default: return `any account's resources acting through the service principal ${p.service}`;
    }
}
