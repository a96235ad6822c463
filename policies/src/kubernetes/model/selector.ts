// Label selectors by what they select.

import { Tri, and } from "../../common/tri";
import { UNKNOWN, asArray, isObject, peek } from "../../common/util";

/** The label every namespace carries (Kubernetes 1.21+), with the namespace's name as its value. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Does a selector match an object that carries no labels but the automatic ones (for namespaces, its name)? Such a
 * selector selects everything not specifically excluded: `{}`, `NotIn` / `DoesNotExist` on labels nobody sets,
 * `Exists` on the namespace-name label. Raw values (read with peek); "maybe" when a part is not known yet.
 */
export function selectsEverything(sel: unknown, forNamespaces: boolean): Tri {
    if (sel === UNKNOWN) {
        return "maybe";
    }
    if (sel === undefined || sel === null) {
        return "yes";
    }
    if (!isObject(sel)) {
        return "no";
    }
    const labels = peek(sel, "matchLabels");
    const exprs = peek(sel, "matchExpressions");
    if (labels === UNKNOWN || exprs === UNKNOWN) {
        return "maybe";
    }
    if (isObject(labels) && Object.keys(labels).length > 0) {
        return "no";
    }
    return and(...asArray(exprs).map((e): Tri => {
        if (!isObject(e)) {
            return "no";
        }
        const nameLabel = forNamespaces && e.key === NAMESPACE_NAME_LABEL;
        switch (e.operator) {
            case "NotIn": return "yes";
            case "DoesNotExist": return nameLabel ? "no" : "yes";
            case "Exists": return nameLabel ? "yes" : "no";
            default: return "no";
        }
    }));
}

/** Does a label selector (matchLabels and matchExpressions, raw) select these labels? matchLabels must be non-empty. */
export function selectorSelects(selector: unknown, labels: Record<string, unknown> | typeof UNKNOWN): Tri {
    if (selector === UNKNOWN || labels === UNKNOWN) {
        return "maybe";
    }
    if (!isObject(selector)) {
        return "no";
    }
    const matchLabels = peek(selector, "matchLabels");
    if (matchLabels === UNKNOWN) {
        return "maybe";
    }
    if (!isObject(matchLabels) || Object.keys(matchLabels).length === 0) {
        return "no"; // an empty PDB selector matches nothing (policy/v1) or everything: neither is one workload's
    }
    const parts: Tri[] = Object.keys(matchLabels).map(k => {
        const want = peek(matchLabels, k);
        const have = peek(labels, k);
        return want === UNKNOWN || have === UNKNOWN ? "maybe" : want === have ? "yes" : "no";
    });
    const exprs = peek(selector, "matchExpressions");
    if (exprs === UNKNOWN) {
        parts.push("maybe");
    }
    for (const e of asArray(exprs)) {
        if (!isObject(e)) {
            continue;
        }
        const key = String(e.key);
        const has = Object.prototype.hasOwnProperty.call(labels, key);
        const value = labels[key];
        const values = asArray(e.values);
        switch (e.operator) {
            case "In": parts.push(has && values.includes(value) ? "yes" : "no"); break;
            case "NotIn": parts.push(!has || !values.includes(value) ? "yes" : "no"); break;
            case "Exists": parts.push(has ? "yes" : "no"); break;
            case "DoesNotExist": parts.push(!has ? "yes" : "no"); break;
            default: parts.push("no");
        }
    }
    return and(...parts);
}
