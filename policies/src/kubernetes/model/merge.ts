// A patch merged onto the object it changes, as server-side apply does for the kinds the stack rules merge
// (NetworkPolicy, Namespace): maps merge key by key, lists are atomic (the patch's list replaces the object's), and
// null removes a field.

import { isObject } from "../../common/util";

export function mergePatch(base: unknown, patch: unknown): unknown {
    if (patch === undefined) {
        return base;
    }
    if (!isObject(patch) || !isObject(base)) {
        return patch;
    }
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) {
        if (v === null) {
            delete out[k];
        } else {
            out[k] = mergePatch(base[k], v);
        }
    }
    return out;
}
