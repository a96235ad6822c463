// Kubernetes quantities ("500m", "1Gi", "2", 0.5, "1e3").

const QUANTITY_SUFFIXES: Record<string, number> = {
    "": 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The value of a quantity, or undefined when it is not a valid one. Numbers are taken as they are. */
export function parseQuantity(v: unknown): number | undefined {
    if (typeof v === "number") {
        return Number.isFinite(v) ? v : undefined;
    }
    if (typeof v !== "string") {
        return undefined;
    }
    const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(v.trim());
    if (!m) {
        return undefined;
    }
    const base = Number(m[1] + (m[2] ?? ""));
    return base * QUANTITY_SUFFIXES[m[3] ?? ""];
}

/** True for a valid quantity greater than zero. */
export function positiveQuantity(v: unknown): boolean {
    const q = parseQuantity(v);
    return q !== undefined && q > 0;
}
