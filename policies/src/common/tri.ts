// Three-valued logic for judging values that may not be known yet (preview): "yes", "no" or "maybe".

import { UNKNOWN, asArray, isUnknownValue } from "./util";

export type Tri = "yes" | "no" | "maybe";

export function tri(b: boolean | typeof UNKNOWN): Tri {
    return b === UNKNOWN ? "maybe" : b ? "yes" : "no";
}

export function and(...xs: Tri[]): Tri {
    if (xs.includes("no")) {
        return "no";
    }
    return xs.includes("maybe") ? "maybe" : "yes";
}

export function or(...xs: Tri[]): Tri {
    if (xs.includes("yes")) {
        return "yes";
    }
    return xs.includes("maybe") ? "maybe" : "no";
}

/** Equality of two possibly-unknown values. */
export function eq(a: unknown, b: unknown): Tri {
    if (a === UNKNOWN || b === UNKNOWN || isUnknownValue(a) || isUnknownValue(b)) {
        return "maybe";
    }
    return a === b ? "yes" : "no";
}

/** "maybe" for an unknown value, else whether `ok` holds. */
export function knownTri(v: unknown, ok: (v: unknown) => boolean): Tri {
    return v === UNKNOWN || isUnknownValue(v) ? "maybe" : ok(v) ? "yes" : "no";
}

/** or() over an array-valued prop whose elements are judged by `each`. */
export function anyOf(v: unknown, each: (x: any) => Tri): Tri {
    if (v === UNKNOWN) {
        return "maybe";
    }
    // Elements are read raw; an unknown element is one of the SDK's sentinel strings.
    return or(...asArray(v).map(x => (isUnknownValue(x) ? "maybe" : each(x))));
}

/** and() over an array-valued prop whose elements are judged by `each`; an empty or missing array is "no". */
export function everyOf(v: unknown, each: (x: any) => Tri): Tri {
    if (v === UNKNOWN) {
        return "maybe";
    }
    const list = asArray(v);
    return list.length === 0 ? "no" : and(...list.map(x => (isUnknownValue(x) ? "maybe" : each(x))));
}
