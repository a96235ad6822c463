// IAM policy documents (identity, bucket and trust policies) parsed into statements. Element names are read case
// insensitively; values that AWS takes as a string or a list are lists here.

import { UNKNOWN, isObject, isUnknownValue } from "../../common/util";

export interface Principals {
    /** "*" or {AWS: "*"}: everyone, anonymous callers included. */
    any: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonical: string[];
}

export interface Clause {
    /** The operator as written, e.g. "ForAnyValue:StringLikeIfExists". */
    operator: string;
    /** Without set prefix and IfExists, e.g. "StringLike". */
    base: string;
    ifExists: boolean;
    set?: "forallvalues" | "foranyvalue";
    /** Lower case (condition keys are case insensitive). */
    key: string;
    values: string[];
}

export interface Patterns { not: boolean; list: string[] }

export interface Statement {
    index: number;
    /** "Statement[0] (Sid)" for messages. */
    label: string;
    effect: "Allow" | "Deny";
    principal?: Principals;
    notPrincipal?: Principals;
    action: Patterns;
    resource: Patterns;
    conditions: Clause[];
}

function lowerKeys(o: unknown): Record<string, any> {
    const out: Record<string, any> = {};
    if (isObject(o)) {
        for (const k of Object.keys(o)) {
            out[k.toLowerCase()] = o[k];
        }
    }
    return out;
}

function strings(v: unknown): string[] {
    return (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(x => String(x));
}

function principalsOf(p: unknown): Principals | undefined {
    if (p === undefined) {
        return undefined;
    }
    if (p === "*") {
        return { any: true, aws: ["*"], service: [], federated: [], canonical: [] };
    }
    const o = lowerKeys(p);
    const aws = strings(o.aws);
    return { any: aws.includes("*"), aws, service: strings(o.service).map(s => s.toLowerCase()), federated: strings(o.federated),
        canonical: strings(o.canonicaluser) };
}

function clausesOf(condition: unknown): Clause[] {
    const out: Clause[] = [];
    for (const [operator, block] of Object.entries(isObject(condition) ? condition : {})) {
        const m = /^(?:(ForAllValues|ForAnyValue):)?(.*?)(IfExists)?$/i.exec(operator)!;
        for (const [key, values] of Object.entries(isObject(block) ? block : {})) {
            out.push({ operator, base: m[2], ifExists: m[3] !== undefined, set: m[1]?.toLowerCase() as Clause["set"],
                key: key.toLowerCase(), values: strings(values) });
        }
    }
    return out;
}

/** The statements of a policy document (JSON text or object); "unknown" during preview; "invalid" when unparseable. */
export function parsePolicy(doc: unknown): Statement[] | "unknown" | "invalid" {
    if (doc === UNKNOWN || isUnknownValue(doc)) {
        return "unknown";
    }
    let parsed: unknown = doc;
    if (typeof doc === "string") {
        try {
            parsed = JSON.parse(doc);
        } catch {
            return "invalid";
        }
    }
    if (!isObject(parsed)) {
        return "invalid";
    }
    const raw = lowerKeys(parsed).statement;
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const out: Statement[] = [];
    list.forEach((stmt, index) => {
        const s = lowerKeys(stmt);
        const effect = String(s.effect).toLowerCase();
        if (effect !== "allow" && effect !== "deny") {
            return; // AWS refuses the document; nothing to grant or deny
        }
        const sid = typeof s.sid === "string" && s.sid !== "" ? ` (${s.sid})` : "";
        out.push({
            index,
            label: `Statement[${index}]${sid}`,
            effect: effect === "allow" ? "Allow" : "Deny",
            principal: principalsOf(s.principal),
            notPrincipal: principalsOf(s.notprincipal),
            action: s.notaction !== undefined ? { not: true, list: strings(s.notaction) } : { not: false, list: strings(s.action) },
            resource: s.notresource !== undefined ? { not: true, list: strings(s.notresource) } : { not: false, list: strings(s.resource) },
            conditions: clausesOf(s.condition),
        });
    });
    return out;
}
